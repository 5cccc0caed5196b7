import type { SmtpSettings } from '../smtp';

/**
 * Everything needed to open an IMAP connection for one mailbox: it signs in like the mailbox's SMTP side, with the
 * folder to use when the server flags none as `\Sent`.
 */
export type ImapSettings = Omit<SmtpSettings, 'provider'> & { sentFolder: string | null };

/** Which IMAP account settings sign in to, as `user@host:port`. */
export function imapAccount({ username, host, port }: Pick<ImapSettings, 'username' | 'host' | 'port'>): string {
  return `${username}@${host}:${port}`;
}
