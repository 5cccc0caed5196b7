import type { SmtpSettings } from '../smtp/smtp-settings';

/**
 * Everything needed to open an IMAP connection for one mailbox: it signs in like the mailbox's SMTP side, with the
 * folder to use when the server flags none as `\Sent`.
 */
export type ImapSettings = Omit<SmtpSettings, 'provider'> & { sentFolder: string | null };
