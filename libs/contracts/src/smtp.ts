import type { MailboxUsage } from './email';

export const SMTP_PROVIDERS = ['gmail', 'office365', 'custom'] as const;
export type SmtpProvider = (typeof SMTP_PROVIDERS)[number];

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * not_configured: no mailbox; configured: saved, never tested; verified: last test passed; failing: last test or
 * send failed; reconnect_required: the provider withdrew the OAuth consent, its owner must connect it again.
 */
export const MAILBOX_STATUSES = ['not_configured', 'configured', 'verified', 'failing', 'reconnect_required'] as const;
export type MailboxStatus = (typeof MAILBOX_STATUSES)[number];

export interface SmtpPreset {
  host: string;
  port: number;
  security: SmtpSecurity;
  dailyLimit: number;
  /** Send many paces each mailbox to this many messages a minute (0: not paced). */
  sendsPerMinute: number;
}

export const SMTP_PRESETS: Record<Exclude<SmtpProvider, 'custom'>, SmtpPreset> = {
  gmail: { host: 'smtp.gmail.com', port: 587, security: 'starttls', dailyLimit: 500, sendsPerMinute: 20 },
  // Exchange Online's own limit is 30 messages a minute per mailbox.
  office365: { host: 'smtp.office365.com', port: 587, security: 'starttls', dailyLimit: 10_000, sendsPerMinute: 30 },
};
export const CUSTOM_DAILY_LIMIT = 2_000;
export const CUSTOM_SENDS_PER_MINUTE = 10;
export const MAX_SENDS_PER_MINUTE = 600;

export interface ImapServer {
  host: string;
  port: number;
  security: SmtpSecurity;
}

/** The IMAP server of each preset, for saving copies to Sent when its owner asks for it. */
export const IMAP_PRESETS: Record<Exclude<SmtpProvider, 'custom'>, ImapServer> = {
  gmail: { host: 'imap.gmail.com', port: 993, security: 'tls' },
  office365: { host: 'outlook.office365.com', port: 993, security: 'tls' },
};

/**
 * What happens to the Sent copy of a message sent through each provider when Sendas saves none: Gmail and
 * Microsoft 365 file what is submitted over SMTP in Sent themselves (a copy saved by Sendas would be a second
 * one); other servers keep nothing.
 */
export const PROVIDER_SENT_COPY: Record<SmtpProvider, { keepsOwnCopy: boolean; statement: string }> = {
  gmail: { keepsOwnCopy: true, statement: 'Gmail files every message sent through it in your Sent folder itself.' },
  office365: { keepsOwnCopy: true, statement: 'Microsoft 365 saves every message sent through it in your Sent Items itself.' },
  custom: {
    keepsOwnCopy: false,
    statement: 'Most mail servers (Postfix with Dovecot, cPanel hosts, Yahoo) keep no copy of what is sent over SMTP.',
  },
};

/** PUT body: the password is write-only; leaving it out keeps the stored one. */
export interface MailboxRequest {
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
  /** Send many sends at most this many messages a minute through the mailbox; 0: not paced. Default by provider. */
  sendsPerMinute?: number;
  /** Save a copy of each sent message to Sent over IMAP. Default: off for Gmail and Microsoft 365, on for custom when imapHost is given. */
  saveSentCopy?: boolean;
  /** custom only; presets use their provider's IMAP server. */
  imapHost?: string;
  imapPort?: number;
  imapSecurity?: SmtpSecurity;
  /** Defaults to the SMTP username. */
  imapUsername?: string;
  /** The folder to use when the server flags none as Sent (RFC 6154); null: only a flagged one. */
  sentFolder?: string | null;
}

/** How a mailbox signs in: an app password, or the OAuth2 consent of its owner at Google or Microsoft (XOAUTH2). */
export const MAILBOX_KINDS = ['app_password', 'google', 'microsoft'] as const;
export type MailboxKind = (typeof MAILBOX_KINDS)[number];

export const OAUTH_PROVIDERS = ['google', 'microsoft'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** The SMTP server an OAuth mailbox sends through, per provider. */
export const OAUTH_SMTP_PROVIDER: Record<OAuthProvider, Exclude<SmtpProvider, 'custom'>> = { google: 'gmail', microsoft: 'office365' };

export const OAUTH_PROVIDER_LABELS: Record<OAuthProvider, string> = { google: 'Google', microsoft: 'Microsoft' };

export const MAILBOX_KIND_LABELS: Record<MailboxKind, string> = {
  app_password: 'App password',
  google: 'Google account (OAuth)',
  microsoft: 'Microsoft account (OAuth)',
};

export interface MailboxDto {
  userId: string;
  kind: MailboxKind;
  provider: SmtpProvider;
  /** @example "smtp.gmail.com" */
  host: string;
  /** @example 587 */
  port: number;
  security: SmtpSecurity;
  /** @example "pom@bmasiamusic.com" */
  username: string;
  /** @example "pom@bmasiamusic.com" */
  fromEmail: string;
  /** @example "Pom" */
  fromName: string;
  hasPassword: boolean;
  /** OAuth mailboxes: when the provider last issued tokens for it (connect or token refresh). */
  consentRefreshedAt: string | null;
  allowSelfSignedCertificate: boolean;
  /** @example 500 */
  dailyLimit: number;
  /** Send many sends at most this many messages a minute through this mailbox; 0: not paced. @example 20 */
  sendsPerMinute: number;
  /** Sendas saves a copy of each sent message to Sent over IMAP (with the same password or OAuth consent). */
  saveSentCopy: boolean;
  /** @example "imap.example.com" */
  imapHost: string | null;
  imapPort: number | null;
  imapSecurity: SmtpSecurity | null;
  imapUsername: string | null;
  sentFolder: string | null;
  version: number;
  status: MailboxStatus;
  verifiedAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  updatedBy: { id: string; name: string } | null;
  /** Sends through this mailbox in the last 24 hours, against its daily limit. */
  usage: MailboxUsage;
  createdAt: string;
  updatedAt: string;
}

/** `sentFolder`: when the mailbox saves Sent copies, the folder they will go to (the test checked IMAP too). */
export type SmtpVerifyResult =
  | {
      ok: true;
      /** @example "Connected to smtp.gmail.com:587 and signed in as pom@bmasiamusic.com." */
      message: string;
      /** @example "[Gmail]/Sent Mail" */
      sentFolder?: string;
    }
  | {
      ok: false;
      /** @example "SMTP_AUTH_FAILED" */
      code: string;
      /** @example "Gmail rejected the password for pom@bmasiamusic.com: create an app password and paste it here." */
      message: string;
    };

/** One user's mailbox in the superuser's list (GET /mailboxes). */
export interface MailboxSummary {
  userId: string;
  kind: MailboxKind | null;
  status: MailboxStatus;
  /** @example "pom@bmasiamusic.com" */
  fromEmail: string | null;
  lastError: { code: string; message: string } | null;
}

/** Which "Connect with ..." buttons to show: a provider without settings on the server shows none. */
export interface OAuthProvidersDto {
  /** @example ["google", "microsoft"] */
  providers: OAuthProvider[];
}

/** POST /users/me/smtp/oauth/{provider}: where to send the browser for the owner's consent. */
export interface OAuthStartDto {
  /** @example "https://accounts.google.com/o/oauth2/v2/auth?client_id=...&code_challenge=..." */
  authorizationUrl: string;
}

/** POST /users/me/smtp/oauth/callback: what the provider put on the redirect URL. */
export interface OAuthCallbackRequest {
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

/** POST /users/{id}/smtp/oauth/{provider}/link: a link for the owner to connect their own mailbox. */
export interface OAuthConnectLinkDto {
  /** @example "https://sendas.example.com/mailbox/connect?token=..." */
  url: string;
  /** @example "2026-11-28T03:00:00.000Z" */
  expiresAt: string;
}

/** One entry of a mailbox's history (GET /users/{id}/smtp/history); never a secret. */
export interface MailboxAuditEvent {
  /** @example "2026-11-27T03:00:00.000Z" */
  occurredAt: string;
  /** @example "mailbox.verified" */
  action: string;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
}
