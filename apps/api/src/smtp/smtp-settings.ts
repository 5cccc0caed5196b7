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
}
