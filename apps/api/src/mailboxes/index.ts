/** What other modules may use of mailboxes/: lint forbids importing its files directly. */
export { MailboxSending } from './mailbox-sending.service';
export { MailboxSettings } from './mailbox-settings.service';
export { Mailbox } from './mailbox.entity';
export { MailboxesModule } from './mailboxes.module';
export { accessTokenFailureOf } from './oauth/access-tokens';
