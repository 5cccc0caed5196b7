/** What other modules may use of email/: lint forbids importing its files directly. */
export { DevMailCatcher } from './dev-mailbox/dev-mail-catcher';
export { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';
export { SendEmailDto } from './dto/send-email.dto';
export { type ComposedDraft, EmailSender, type SendPath } from './email-sender.service';
export { EmailModule } from './email.module';
export { MailHealth } from './mail-health';
export { PENDING_SENDS, type PendingSends } from './pending-sends';
