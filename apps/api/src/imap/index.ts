/** What other modules may use of imap/: lint forbids importing its files directly. */
export { type ImapFailure, mapImapError } from './imap-errors';
export { type ImapSettings, imapAccount } from './imap-settings';
export { ImapModule } from './imap.module';
export { SentFolder } from './sent-folder';
