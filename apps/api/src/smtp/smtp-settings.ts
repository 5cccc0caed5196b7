import type { SmtpProvider, SmtpSecurity } from '@sendas/contracts';

/** An OAuth2 access token and when it stops working (epoch milliseconds). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

/**
 * How the mailbox signs in: a password (in plain text, in memory only), or XOAUTH2 with access tokens from
 * `accessToken` (`renew`: the server refused the last one, fetch a new one).
 */
export type SmtpAuth = { password: string } | { accessToken: (renew: boolean) => Promise<AccessToken> };

/** Everything needed to open an SMTP connection for one mailbox. */
export interface SmtpSettings {
  provider: SmtpProvider;
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  auth: SmtpAuth;
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
