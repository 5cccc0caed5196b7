import type { SmtpProvider, SmtpSecurity } from '@sendas/contracts';

/** Everything needed to open an SMTP connection for one mailbox (the password in plain text, in memory only). */
export interface SmtpSettings {
  provider: SmtpProvider;
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string;
  allowSelfSignedCertificate: boolean;
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const SMTP_SETTINGS = Symbol('SMTP_SETTINGS');

/** Deployment-wide SMTP rules, from the environment. */
export interface SmtpOptions {
  timeouts: SmtpTimeouts;
  allowPrivateHosts: boolean;
  /** At most this many mailbox pools stay open. */
  poolCacheSize: number;
  /** A pool unused this long is closed. */
  poolIdleMs: number;
}

/** An smtp(s):// URL with the short timeouts added as query parameters (nodemailer reads them). */
export function urlWithTimeouts(url: string, timeouts: SmtpTimeouts): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}connectionTimeout=${timeouts.connectionMs}&greetingTimeout=${timeouts.greetingMs}&socketTimeout=${timeouts.socketMs}`;
}
