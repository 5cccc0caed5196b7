import { DataSource, type DataSourceOptions } from 'typeorm';
import { ApiKey } from '../api-keys/api-key.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { PasswordReset } from '../auth/password-reset.entity';
import { Company } from '../documents/companies/company.entity';
import { Contact } from '../documents/companies/contact.entity';
import { DocumentLine } from '../documents/document-line.entity';
import { Document } from '../documents/document.entity';
import { DevMailMessage } from '../email/dev-mailbox/dev-mail-message.entity';
import { EmailMessage } from '../email/email-message.entity';
import { SavedDraft } from '../email/saved-drafts/saved-draft.entity';
import { SentCopy } from '../email/sent-copy.entity';
import { Invitation } from '../invitations/invitation.entity';
import { BulkSend } from '../outbox/bulk-send.entity';
import { ScheduledSend } from '../outbox/scheduled-send.entity';
import { EmailTemplate } from '../email/templates/email-template.entity';
import { Mailbox } from '../mailboxes/mailbox.entity';
import { OrganisationSettingsRow } from '../organisation/organisation-settings.entity';
import { MailboxOAuthRequest } from '../mailboxes/oauth/mailbox-oauth-request.entity';
import { User } from '../users/user.entity';
import { CreateUsers1764115200000 } from './migrations/1764115200000-CreateUsers';
import { SmtpCredentials1764201600000 } from './migrations/1764201600000-SmtpCredentials';
import { DevMailbox1764288000000 } from './migrations/1764288000000-DevMailbox';
import { Documents1764374400000 } from './migrations/1764374400000-Documents';
import { EmailMessages1764460800000 } from './migrations/1764460800000-EmailMessages';
import { UserSessionVersion1764547200000 } from './migrations/1764547200000-UserSessionVersion';
import { EmailDailyLimitGuard1764633600000 } from './migrations/1764633600000-EmailDailyLimitGuard';
import { EmailOutcomeUnknown1764720000000 } from './migrations/1764720000000-EmailOutcomeUnknown';
import { ThrottleCounters1764806400000 } from './migrations/1764806400000-ThrottleCounters';
import { AuthSessions1764892800000 } from './migrations/1764892800000-AuthSessions';
import { CompaniesWorkspace1764979200000 } from './migrations/1764979200000-CompaniesWorkspace';
import { LineDiscounts1765065600000 } from './migrations/1765065600000-LineDiscounts';
import { EmailTemplates1765152000000 } from './migrations/1765152000000-EmailTemplates';
import { MailboxOAuth1765238400000 } from './migrations/1765238400000-MailboxOAuth';
import { ApiKeys1765324800000 } from './migrations/1765324800000-ApiKeys';
import { ApiKeySessionVersion1765411200000 } from './migrations/1765411200000-ApiKeySessionVersion';
import { PasswordResets1765497600000 } from './migrations/1765497600000-PasswordResets';
import { SentCopies1765584000000 } from './migrations/1765584000000-SentCopies';
import { Outbox1765670400000 } from './migrations/1765670400000-Outbox';
import { BulkSends1765756800000 } from './migrations/1765756800000-BulkSends';
import { MailboxPace1765843200000 } from './migrations/1765843200000-MailboxPace';
import { SendPathTriggers1765929600000 } from './migrations/1765929600000-SendPathTriggers';
import { ScheduledSendApiKey1766016000000 } from './migrations/1766016000000-ScheduledSendApiKey';
import { MailboxIdentity1766102400000 } from './migrations/1766102400000-MailboxIdentity';
import { SendPace1766188800000 } from './migrations/1766188800000-SendPace';
import { SessionRotation1766275200000 } from './migrations/1766275200000-SessionRotation';
import { Invitations1766361600000 } from './migrations/1766361600000-Invitations';
import { MailboxVocabulary1766448000000 } from './migrations/1766448000000-MailboxVocabulary';
import { SentCopyOwner1766534400000 } from './migrations/1766534400000-SentCopyOwner';
import { Organisation1766620800000 } from './migrations/1766620800000-Organisation';
import { UserPhone1766707200000 } from './migrations/1766707200000-UserPhone';
import { DocumentLastSendProblem1766793600000 } from './migrations/1766793600000-DocumentLastSendProblem';
import { EmailDrafts1766880000000 } from './migrations/1766880000000-EmailDrafts';

export const entities = [
  User,
  AuthSession,
  PasswordReset,
  Mailbox,
  MailboxOAuthRequest,
  ApiKey,
  AuditEvent,
  DevMailMessage,
  Company,
  Contact,
  Document,
  DocumentLine,
  EmailMessage,
  EmailTemplate,
  SentCopy,
  ScheduledSend,
  BulkSend,
  Invitation,
  OrganisationSettingsRow,
  SavedDraft,
];
export const migrations = [
  CreateUsers1764115200000,
  SmtpCredentials1764201600000,
  DevMailbox1764288000000,
  Documents1764374400000,
  EmailMessages1764460800000,
  UserSessionVersion1764547200000,
  EmailDailyLimitGuard1764633600000,
  EmailOutcomeUnknown1764720000000,
  ThrottleCounters1764806400000,
  AuthSessions1764892800000,
  CompaniesWorkspace1764979200000,
  LineDiscounts1765065600000,
  EmailTemplates1765152000000,
  MailboxOAuth1765238400000,
  ApiKeys1765324800000,
  ApiKeySessionVersion1765411200000,
  PasswordResets1765497600000,
  SentCopies1765584000000,
  Outbox1765670400000,
  BulkSends1765756800000,
  MailboxPace1765843200000,
  SendPathTriggers1765929600000,
  ScheduledSendApiKey1766016000000,
  MailboxIdentity1766102400000,
  SendPace1766188800000,
  SessionRotation1766275200000,
  Invitations1766361600000,
  MailboxVocabulary1766448000000,
  SentCopyOwner1766534400000,
  Organisation1766620800000,
  UserPhone1766707200000,
  DocumentLastSendProblem1766793600000,
  EmailDrafts1766880000000,
];

/** The one TypeORM configuration, for the app, the tests and the TypeORM CLI alike. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: 10 },
  };
}

/** For the TypeORM CLI: `DATABASE_URL=... npx typeorm -d dist/api/apps/api/src/database/data-source.js migration:run`. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sendas'));
