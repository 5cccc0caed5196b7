import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  ErrorCode,
  type MailboxAuditEvent,
  type MailboxUsage,
  OAUTH_SMTP_PROVIDER,
  type MailboxDto,
  type MailboxSummary,
  SMTP_PRESETS,
} from '@sendas/contracts';
import { AuditLog } from '../audit';
import { AppException, type AuthUser, NotFoundError } from '../common';
import { Env } from '../config';
import { SecretBox } from '../crypto';
import { preparedStatement, PreparedStatements } from '../database';
import { SmtpTransportCache } from '../smtp';
import { type User, UsersService } from '../users';
import { type MailboxInput, mailboxStatus, toMailboxSummary } from './dto/mailbox.dto';
import { isAnotherMailbox, presetImap, SETTING_FIELDS, settingsToApply } from './mailbox-rules';
import { Mailbox } from './mailbox.entity';
import { findWithSecret, MailboxSending } from './mailbox-sending.service';
import type { OAuthProviderSettings } from './oauth/oauth-clients';

const MAILBOX_NUMBERS = preparedStatement('mailbox_numbers', `SELECT nextval('mailbox_numbers')::int AS identity, nextval('mailbox_numbers')::int AS version`);

/** The audit log's subject for a mailbox (migration MailboxVocabulary moved the rows written as `smtp_credential`). */
export const MAILBOX_SUBJECT = 'mailbox';

/**
 * The settings side of mailboxes (My mailbox, the superuser's editor): saving (the rules of mailbox-rules.ts), the
 * write-only encrypted password or OAuth refresh token, connecting, history, audit. Testing a mailbox is
 * MailboxVerification; the send-time side is MailboxSending.
 */
@Injectable()
export class MailboxSettings {
  constructor(
    @InjectRepository(Mailbox) private readonly credentials: Repository<Mailbox>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: PreparedStatements,
    private readonly users: UsersService,
    private readonly secrets: SecretBox,
    private readonly transports: SmtpTransportCache,
    private readonly sending: MailboxSending,
    private readonly audit: AuditLog,
    private readonly config: Env,
  ) {}

  /** Superusers always; everyone else only while self-service is switched on. */
  assertMayManageOwn(actor: AuthUser): void {
    if (actor.role === 'superuser' || this.config.ALLOW_SELF_SERVICE_SMTP) return;
    throw new AppException(
      ErrorCode.SMTP_SELF_SERVICE_DISABLED,
      'Mailbox settings are managed by your superuser here: ask them to set up or change your mailbox.',
    );
  }

  async get(userId: string): Promise<MailboxDto> {
    const mailbox = await this.find(userId);
    if (!mailbox) throw this.notConfigured(userId);
    return mailbox;
  }

  /** Every mailbox's state, for the superuser's list of users (users without one have none). */
  async summaries(): Promise<MailboxSummary[]> {
    return (await this.credentials.find()).map(toMailboxSummary);
  }

  /** A user's mailbox as the API shows it, or null when they have none. */
  async find(userId: string): Promise<MailboxDto | null> {
    await this.userOrFail(userId);
    const credential = await this.credentials.findOne({ where: { userId }, relations: { updatedBy: true } });
    return credential && this.toResponse(credential, await this.sending.usage(userId, credential.dailyLimit));
  }

  /** Saves a mailbox's settings; `actor` null is Sendas itself (the demo seed), whose audit rows name nobody. */
  async put(userId: string, input: MailboxInput, actor: AuthUser | null): Promise<MailboxDto> {
    const user = await this.userOrFail(userId);
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Mailbox);
      const existing = await findWithSecret(repository, userId, true);
      const connected = existing && existing.kind !== 'app_password' && !input.password;
      const settings = settingsToApply(
        input,
        existing,
        user,
        actor ?? { role: 'superuser' },
        this.allowPrivateHosts,
        'Enter the app password for this mailbox.',
      );
      const changed: string[] = SETTING_FIELDS.filter((field) => !existing || existing[field] !== settings[field]);
      if (input.password) changed.push('password');
      if (existing && !changed.length) return existing;

      const kind = input.password ? 'app_password' : (existing?.kind ?? 'app_password');
      const numbers = await this.mailboxNumbers(manager);
      const credential = repository.merge(existing ?? repository.create({ userId }), settings, {
        ...(input.password
          ? { kind: 'app_password' as const, passwordEnc: this.secrets.encrypt(input.password), refreshTokenEnc: null, consentRefreshedAt: null }
          : {}),
        identity: isAnotherMailbox(existing, { kind, ...settings }) ? numbers.identity : existing!.identity,
        version: numbers.version,
        // A new name or limit leaves a connected mailbox's sign-in (and a "reconnect required") as it was.
        ...(connected ? {} : { verifiedAt: null, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }),
        updatedById: actor?.id ?? null,
      });
      const result = await repository.save(credential);
      await this.audit.record(
        {
          actorId: actor?.id ?? null,
          action: existing ? `${MAILBOX_SUBJECT}.updated` : `${MAILBOX_SUBJECT}.created`,
          subjectType: MAILBOX_SUBJECT,
          subjectId: userId,
          details: { changed },
        },
        manager,
      );
      return result;
    });
    this.transports.evict(userId);
    this.sending.forget(userId);
    return this.get(saved.userId);
  }

  async remove(userId: string, actor: AuthUser): Promise<void> {
    await this.userOrFail(userId);
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.getRepository(Mailbox).delete({ userId });
      if (!affected) throw this.notConfigured(userId);
      await this.audit.record({ actorId: actor.id, action: `${MAILBOX_SUBJECT}.deleted`, subjectType: MAILBOX_SUBJECT, subjectId: userId }, manager);
    });
    this.transports.evict(userId);
    this.sending.forget(userId);
  }

  /**
   * The owner's consent arrived (MailboxOAuth): the mailbox now signs in as `account` at the provider with this
   * refresh token, replacing an app password or an earlier connection, and any "reconnect required" is cleared.
   */
  async connect(owner: AuthUser, provider: OAuthProviderSettings, account: string, refreshToken: string): Promise<MailboxDto> {
    const smtpProvider = OAUTH_SMTP_PROVIDER[provider.provider];
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Mailbox);
      const existing = await repository.findOne({ where: { userId: owner.id }, lock: { mode: 'pessimistic_write' } });
      const numbers = await this.mailboxNumbers(manager);
      const mailbox = repository.merge(existing ?? repository.create({ userId: owner.id }), {
        identity: isAnotherMailbox(existing, { kind: provider.provider, host: provider.smtp.host, username: account, fromEmail: account })
          ? numbers.identity
          : existing!.identity,
        kind: provider.provider,
        provider: smtpProvider,
        ...provider.smtp,
        username: account,
        ...presetImap(smtpProvider, account, null),
        saveSentCopy: existing?.provider === smtpProvider && existing.saveSentCopy,
        sentFolder: existing?.provider === smtpProvider ? existing.sentFolder : null,
        fromEmail: account,
        fromName: existing?.fromName ?? owner.name,
        allowSelfSignedCertificate: false,
        dailyLimit: existing?.provider === smtpProvider ? existing.dailyLimit : SMTP_PRESETS[smtpProvider].dailyLimit,
        sendsPerMinute: existing?.provider === smtpProvider ? existing.sendsPerMinute : SMTP_PRESETS[smtpProvider].sendsPerMinute,
        passwordEnc: null,
        refreshTokenEnc: this.secrets.encrypt(refreshToken),
        consentRefreshedAt: new Date(),
        version: numbers.version,
        verifiedAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        lastErrorAt: null,
        updatedById: owner.id,
      });
      await repository.save(mailbox);
      await this.audit.record(
        {
          actorId: owner.id,
          action: `${MAILBOX_SUBJECT}.connected`,
          subjectType: MAILBOX_SUBJECT,
          subjectId: owner.id,
          details: { provider: provider.provider, account, replaced: existing ? existing.kind : null },
        },
        manager,
      );
    });
    this.transports.evict(owner.id);
    this.sending.forget(owner.id);
    return this.get(owner.id);
  }

  async history(userId: string): Promise<MailboxAuditEvent[]> {
    await this.userOrFail(userId);
    const events = await this.audit.history(MAILBOX_SUBJECT, userId);
    const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
    const names = await this.users.namesOf(actorIds);
    return events.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      actor: event.actorId ? { id: event.actorId, name: names.get(event.actorId) ?? 'Deleted user' } : null,
      details: event.details,
    }));
  }

  private get allowPrivateHosts(): boolean {
    return this.config.ALLOW_PRIVATE_SMTP_HOSTS;
  }

  private userOrFail(userId: string): Promise<User> {
    return this.users.get(userId);
  }

  private notConfigured(userId: string): NotFoundError {
    return mailboxNotConfigured(userId);
  }

  private toResponse(credential: Mailbox, usage: MailboxUsage): MailboxDto {
    return {
      userId: credential.userId,
      kind: credential.kind,
      provider: credential.provider,
      host: credential.host,
      port: credential.port,
      security: credential.security,
      username: credential.username,
      fromEmail: credential.fromEmail,
      fromName: credential.fromName,
      hasPassword: credential.kind === 'app_password',
      consentRefreshedAt: credential.consentRefreshedAt?.toISOString() ?? null,
      allowSelfSignedCertificate: credential.allowSelfSignedCertificate,
      dailyLimit: credential.dailyLimit,
      sendsPerMinute: credential.sendsPerMinute,
      saveSentCopy: credential.saveSentCopy,
      imapHost: credential.imapHost,
      imapPort: credential.imapPort,
      imapSecurity: credential.imapSecurity,
      imapUsername: credential.imapUsername,
      sentFolder: credential.sentFolder,
      version: credential.version,
      status: mailboxStatus(credential),
      verifiedAt: credential.verifiedAt?.toISOString() ?? null,
      lastError:
        credential.lastErrorCode && credential.lastErrorMessage && credential.lastErrorAt
          ? { code: credential.lastErrorCode, message: credential.lastErrorMessage, at: credential.lastErrorAt.toISOString() }
          : null,
      updatedBy: credential.updatedBy ? { id: credential.updatedBy.id, name: credential.updatedBy.name } : null,
      usage,
      createdAt: credential.createdAt.toISOString(),
      updatedAt: credential.updatedAt.toISOString(),
    };
  }

  /** Two new numbers from the sequence every mailbox draws from: never one an earlier mailbox had (see Mailbox.identity). */
  private async mailboxNumbers(transaction: EntityManager): Promise<{ identity: number; version: number }> {
    const [numbers] = await this.statements.run<{ identity: number; version: number }>(MAILBOX_NUMBERS, [], transaction);
    return numbers;
  }
}

export function mailboxNotConfigured(userId: string): NotFoundError {
  return new NotFoundError(ErrorCode.SMTP_NOT_CONFIGURED, `No mailbox is set up for user ${userId} yet.`);
}
