import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { DocumentsModule } from '../documents';
import { ImapModule } from '../imap';
import { SmtpModule } from '../smtp';
import { MailboxesModule } from '../mailboxes';
import { UsersModule } from '../users';
import { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';
import { EmailComposer } from './email-composer';
import { EmailLog } from './email-log.service';
import { EmailMessage } from './email-message.entity';
import { EmailSender } from './email-sender.service';
import { documentEmailControllers, EmailLogController } from './email.controller';
import { MailHealth } from './mail-health';
import { SavedDraft } from './saved-drafts/saved-draft.entity';
import { SavedDrafts } from './saved-drafts/saved-drafts.service';
import { SendAudit } from './send-audit';
import { SendBookkeeping } from './send-bookkeeping';
import { SentCopies } from './sent-copies';
import { SentCopy } from './sent-copy.entity';
import { StaleSendSweep } from './stale-send-sweep';
import { EmailTemplate } from './templates/email-template.entity';
import { EmailTemplatesController } from './templates/email-templates.controller';
import { EmailTemplates } from './templates/email-templates.service';
import { SystemMailModule } from './system-mail';
import { MailboxTransportResolver, TRANSPORT_RESOLVER } from './transport-resolver';

@Module({
  imports: [
    TypeOrmModule.forFeature([EmailMessage, EmailTemplate, SentCopy, SavedDraft]),
    AuditModule,
    DevMailboxModule,
    SystemMailModule,
    DocumentsModule,
    UsersModule,
    MailboxesModule,
    SmtpModule,
    ImapModule,
  ],
  controllers: [...documentEmailControllers, EmailLogController, EmailTemplatesController],
  providers: [
    SavedDrafts,
    EmailComposer,
    EmailSender,
    SendAudit,
    SendBookkeeping,
    SentCopies,
    StaleSendSweep,
    EmailLog,
    EmailTemplates,
    MailHealth,
    { provide: TRANSPORT_RESOLVER, useClass: MailboxTransportResolver },
  ],
  exports: [MailHealth, EmailSender],
})
export class EmailModule {}
