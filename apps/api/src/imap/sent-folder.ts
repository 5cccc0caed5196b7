import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { resolveSmtpHost, SMTP_SETTINGS, type SmtpOptions } from '../smtp';
import { SentFolderNotFoundError, SentFolderSearchError } from './imap-errors';
import type { ImapSettings } from './imap-settings';

export interface SavedCopy {
  folder: string;
  /** The folder already held a message with this Message-ID (an earlier attempt got through): nothing was appended. */
  alreadyThere: boolean;
}

/**
 * The mailbox's Sent folder over IMAP (imapflow): the folder the server flags `\Sent` (RFC 6154), else the one
 * named in the settings. One short connection per use, with the SMTP side's host guard and timeouts.
 */
@Injectable()
export class SentFolder {
  constructor(@Inject(SMTP_SETTINGS) private readonly options: SmtpOptions) {}

  /**
   * A whole session may last at most this long (each command has only an idle timeout): a copy's claim outlasts it,
   * so no other instance starts on the same copy while this one may still append.
   */
  sessionLimitMs(): number {
    const { connectionMs, greetingMs, socketMs } = this.options.timeouts;
    return 2 * (connectionMs + greetingMs + socketMs);
  }

  /** Signs in and names the folder copies would go to (for a connection test). */
  async locate(settings: ImapSettings): Promise<string> {
    return this.session(settings, (client) => this.find(client, settings));
  }

  /**
   * Appends the message's exact bytes with `\Seen`, unless the folder already holds its Message-ID: an attempt
   * whose answer was lost (connection dropped after the server stored it, process stopped) is not repeated.
   */
  async save(settings: ImapSettings, raw: Buffer, messageId: string, sentAt: Date): Promise<SavedCopy> {
    return this.session(settings, async (client) => {
      const folder = await this.find(client, settings);
      await client.mailboxOpen(folder, { readOnly: true });
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      // imapflow answers false when the server refuses the search: appending then could make a second copy.
      if (!Array.isArray(found)) throw new SentFolderSearchError(settings.host);
      if (found.length) return { folder, alreadyThere: true };
      await client.append(folder, raw, ['\\Seen'], sentAt);
      return { folder, alreadyThere: false };
    });
  }

  private async find(client: ImapFlow, settings: ImapSettings): Promise<string> {
    const folders = await client.list();
    // A name-based guess by imapflow ("Sent" without the flag) is not trusted: the settings name the folder then.
    const flagged = folders.find((entry) => entry.specialUse === '\\Sent' && entry.specialUseSource === 'extension');
    if (flagged) return flagged.path;
    const named = settings.sentFolder && folders.find((entry) => entry.path === settings.sentFolder);
    if (named) return named.path;
    throw new SentFolderNotFoundError(
      settings.host,
      folders.map((entry) => entry.path),
      settings.sentFolder,
    );
  }

  private async session<T>(settings: ImapSettings, use: (client: ImapFlow) => Promise<T>): Promise<T> {
    const address = await resolveSmtpHost(settings.host, this.options.allowPrivateHosts, 'IMAP');
    const { timeouts } = this.options;
    // TLS is checked against the name the user typed, while the connection goes to the checked address.
    const servername = isIP(settings.host) ? undefined : settings.host;
    const client = new ImapFlow({
      host: address,
      port: settings.port,
      secure: settings.security === 'tls',
      doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
      servername,
      tls: { servername, rejectUnauthorized: !settings.allowSelfSignedCertificate, minVersion: 'TLSv1.2' },
      auth:
        'password' in settings.auth
          ? { user: settings.username, pass: settings.auth.password }
          : { user: settings.username, accessToken: (await settings.auth.accessToken(false)).token },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
    client.on('error', () => undefined); // the failing command rejects with the same error
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        client.close();
        reject(Object.assign(new Error(`The IMAP session took longer than ${this.sessionLimitMs()} ms`), { code: 'ETIMEOUT' }));
      }, this.sessionLimitMs());
    });
    try {
      return await Promise.race([client.connect().then(() => use(client)), limit]);
    } finally {
      clearTimeout(timer);
      await client.logout().catch(() => client.close());
    }
  }
}
