import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { providerName } from './smtp-errors';
import { resolveSmtpHost } from './smtp-host-guard';
import { SMTP_SETTINGS, type SmtpAuth, type SmtpOptions, type SmtpSettings } from './smtp-settings';

/** Builds nodemailer transports from settings: checked host, short timeouts, TLS verified unless allowed. */
@Injectable()
export class SmtpTransportFactory {
  constructor(@Inject(SMTP_SETTINGS) private readonly options: SmtpOptions) {}

  /** A single-use transport, for tests of settings (never the cached sending pool). */
  async createSingle(settings: SmtpSettings): Promise<Transporter<SMTPTransport.SentMessageInfo>> {
    return createTransport(await this.connectionOptions(settings));
  }

  /** A pooled transport for one mailbox: a pool cannot switch AUTH per message, so one pool per mailbox. */
  async createPool(settings: SmtpSettings, maxConnections = 2): Promise<Transporter<SMTPPool.SentMessageInfo>> {
    return createTransport({ ...(await this.connectionOptions(settings)), pool: true, maxConnections, maxMessages: 100 });
  }

  /** A password, or XOAUTH2 with tokens from our own code: nodemailer's built-in refresh drops rotated refresh tokens. */
  private auth(user: string, auth: SmtpAuth): SMTPTransport.Options['auth'] {
    if ('password' in auth) return { user, pass: auth.password };
    return {
      type: 'OAuth2',
      user,
      provisionCallback: (_user, renew, callback) =>
        void auth.accessToken(renew).then(
          ({ token, expiresAt }) => callback(null, token, expiresAt),
          (error: Error) => callback(error, '', 0),
        ),
    };
  }

  private async connectionOptions(settings: SmtpSettings): Promise<SMTPTransport.Options> {
    const preset = settings.provider === 'custom' ? undefined : providerName(settings.provider);
    const address = await resolveSmtpHost(settings.host, this.options.allowPrivateHosts, 'SMTP', preset);
    const { timeouts } = this.options;
    // TLS is checked against the name the user typed, while the connection goes to the checked address.
    const servername = isIP(settings.host) ? undefined : settings.host;
    return {
      host: address,
      servername,
      port: settings.port,
      secure: settings.security === 'tls',
      requireTLS: settings.security === 'starttls',
      ignoreTLS: settings.security === 'none',
      auth: this.auth(settings.username, settings.auth),
      tls: { servername, rejectUnauthorized: !settings.allowSelfSignedCertificate, minVersion: 'TLSv1.2' },
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    };
  }
}
