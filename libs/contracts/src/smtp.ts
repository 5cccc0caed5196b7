import type { MailboxUsage } from './email';

export const SMTP_PROVIDERS = ['gmail', 'office365', 'custom'] as const;
export type SmtpProvider = (typeof SMTP_PROVIDERS)[number];

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** not_configured: no credentials; configured: saved, never tested; verified: last test passed; failing: last test or send failed. */
export const SMTP_STATUSES = ['not_configured', 'configured', 'verified', 'failing'] as const;
export type SmtpStatus = (typeof SMTP_STATUSES)[number];

export interface SmtpPreset {
  host: string;
  port: number;
  security: SmtpSecurity;
  dailyLimit: number;
}

export const SMTP_PRESETS: Record<Exclude<SmtpProvider, 'custom'>, SmtpPreset> = {
  gmail: { host: 'smtp.gmail.com', port: 587, security: 'starttls', dailyLimit: 500 },
  office365: { host: 'smtp.office365.com', port: 587, security: 'starttls', dailyLimit: 10_000 },
};
export const CUSTOM_DAILY_LIMIT = 2_000;

/** PUT body: the password is write-only; leaving it out keeps the stored one. */
export interface SmtpCredentialRequest {
  provider: SmtpProvider;
  fromEmail?: string;
  fromName?: string;
  username?: string;
  password?: string;
  host?: string;
  port?: number;
  security?: SmtpSecurity;
  allowInsecure?: boolean;
  allowSelfSignedCertificate?: boolean;
  dailyLimit?: number;
}

export interface SmtpCredentialDto {
  userId: string;
  provider: SmtpProvider;
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  fromEmail: string;
  fromName: string;
  hasPassword: boolean;
  allowSelfSignedCertificate: boolean;
  dailyLimit: number;
  version: number;
  status: SmtpStatus;
  verifiedAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  updatedBy: { id: string; name: string } | null;
  /** Sends through this mailbox in the last 24 hours, against its daily limit. */
  usage: MailboxUsage;
  createdAt: string;
  updatedAt: string;
}

export type SmtpVerifyResult = { ok: true; message: string } | { ok: false; code: string; message: string };

export interface SmtpSummary {
  status: SmtpStatus;
  fromEmail: string | null;
  lastError: { code: string; message: string } | null;
}
