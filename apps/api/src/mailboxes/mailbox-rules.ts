import { isIP } from 'node:net';
import {
  CUSTOM_DAILY_LIMIT,
  CUSTOM_SENDS_PER_MINUTE,
  ErrorCode,
  IMAP_PRESETS,
  OAUTH_PROVIDER_LABELS,
  type OAuthProvider,
  SMTP_PRESETS,
  type SmtpSecurity,
} from '@sendas/contracts';
import { AppException, type AuthUser, FieldValidationError } from '../common';
import { isLoopbackHost, notAllowedMessage, refusedRange } from '../smtp';
import type { MailboxInput, SmtpVerifyInput } from './dto/mailbox.dto';
import type { Mailbox } from './mailbox.entity';

/**
 * The rules of a mailbox's settings, with no database or network: presets and defaults, the From address, the
 * servers a password may be sent to, what a connected mailbox lets you change. MailboxSettings and MailboxVerification
 * apply them; mailbox-rules.spec.ts holds them.
 */

export const SETTING_FIELDS = [
  'provider',
  'host',
  'port',
  'security',
  'username',
  'fromEmail',
  'fromName',
  'allowSelfSignedCertificate',
  'dailyLimit',
  'sendsPerMinute',
  'saveSentCopy',
  'imapHost',
  'imapPort',
  'imapSecurity',
  'imapUsername',
  'sentFolder',
] as const;
export type MailboxSettingsFields = Pick<Mailbox, (typeof SETTING_FIELDS)[number]>;
type ImapFields = Pick<Mailbox, 'saveSentCopy' | 'imapHost' | 'imapPort' | 'imapSecurity' | 'imapUsername' | 'sentFolder'>;
/** Who the mailbox belongs to, as the rules need them. */
type Owner = Pick<AuthUser, 'email' | 'name'>;

/** What makes a mailbox another one (with its kind): a scheduled send approved for the old one must not use it. */
const IDENTITY_FIELDS = ['host', 'username', 'fromEmail'] as const;

/** A new identity (see Mailbox.identity) when the mailbox is new, switches kind or changes its account or address. */
export function isAnotherMailbox(existing: Mailbox | null, next: Pick<Mailbox, 'kind' | (typeof IDENTITY_FIELDS)[number]>): boolean {
  return !existing || existing.kind !== next.kind || IDENTITY_FIELDS.some((field) => existing[field] !== next[field]);
}

/** What a stored password is bound to (SMTP and IMAP server); changing any of them requires the password again. */
const BOUND_FIELDS = ['host', 'port', 'security', 'username', 'allowSelfSignedCertificate', 'imapHost', 'imapPort', 'imapSecurity', 'imapUsername'] as const;

/**
 * Applies presets and defaults to the form, over what is stored; rejects unsafe combinations. `allowPrivateHosts`:
 * ALLOW_PRIVATE_SMTP_HOSTS.
 */
export function resolveSettings(
  input: MailboxInput,
  existing: Mailbox | null,
  owner: Owner,
  actor: Pick<AuthUser, 'role'>,
  allowPrivateHosts: boolean,
): MailboxSettingsFields {
  const preset = input.provider === 'custom' ? undefined : SMTP_PRESETS[input.provider];
  const keep = existing?.provider === input.provider ? existing : null;
  const host = preset?.host ?? input.host ?? keep?.host;
  if (!host) throw FieldValidationError.of('host', 'host is required for a custom SMTP server, e.g. smtp.example.com');
  const security = preset?.security ?? input.security ?? keep?.security ?? 'starttls';
  const port = preset?.port ?? input.port ?? keep?.port ?? (security === 'tls' ? 465 : 587);
  const fromEmail = (input.fromEmail ?? existing?.fromEmail ?? owner.email).toLowerCase();
  if (fromEmail !== owner.email.toLowerCase() && fromEmail !== existing?.fromEmail && actor.role !== 'superuser') {
    throw new AppException(
      ErrorCode.SMTP_FROM_NOT_ALLOWED,
      `This mailbox sends as its owner's own address, ${owner.email}: only a superuser can set another From address.`,
      [{ field: 'fromEmail', messages: [`Only a superuser can set a From address other than ${owner.email}.`] }],
    );
  }
  const usernameWasDefault = !existing || existing.username === existing.fromEmail;
  const username = input.username ?? (usernameWasDefault ? fromEmail : existing.username);

  if (security === 'none' && !isLoopbackHost(host) && !input.allowInsecure) {
    throw FieldValidationError.of(
      'security',
      'security "none" sends the password unencrypted: use STARTTLS or TLS, or set allowInsecure if you really mean it.',
    );
  }
  if (isIP(host)) assertAddressAllowed(host, allowPrivateHosts);
  const imap = preset ? presetImap(input.provider as keyof typeof IMAP_PRESETS, username, keep, input) : customImap(input, keep, username, allowPrivateHosts);

  return {
    ...imap,
    provider: input.provider,
    host,
    port,
    security,
    username,
    fromEmail,
    fromName: input.fromName ?? existing?.fromName ?? owner.name,
    allowSelfSignedCertificate: input.allowSelfSignedCertificate ?? existing?.allowSelfSignedCertificate ?? false,
    dailyLimit: input.dailyLimit ?? keep?.dailyLimit ?? preset?.dailyLimit ?? CUSTOM_DAILY_LIMIT,
    sendsPerMinute: input.sendsPerMinute ?? keep?.sendsPerMinute ?? preset?.sendsPerMinute ?? CUSTOM_SENDS_PER_MINUTE,
  };
}

/** Gmail and Microsoft 365: their own IMAP server; saving is off unless asked for (they file a copy themselves). */
export function presetImap(provider: keyof typeof IMAP_PRESETS, username: string, keep: Mailbox | null, input?: MailboxInput): ImapFields {
  const { host, port, security } = IMAP_PRESETS[provider];
  return {
    saveSentCopy: input?.saveSentCopy ?? keep?.saveSentCopy ?? false,
    imapHost: host,
    imapPort: port,
    imapSecurity: security,
    imapUsername: input?.imapUsername ?? keptImapUsername(keep) ?? username,
    sentFolder: input?.sentFolder !== undefined ? input.sentFolder : (keep?.sentFolder ?? null),
  };
}

/** Another server: saving is on by default once an IMAP server is given, which must then be safe to sign in to. */
function customImap(input: MailboxInput, keep: Mailbox | null, username: string, allowPrivateHosts: boolean): ImapFields {
  const imapHost = input.imapHost ?? keep?.imapHost ?? null;
  const saveSentCopy = input.saveSentCopy ?? keep?.saveSentCopy ?? input.imapHost !== undefined;
  const sentFolder = input.sentFolder !== undefined ? input.sentFolder : (keep?.sentFolder ?? null);
  if (!imapHost) {
    if (saveSentCopy) {
      throw FieldValidationError.of('imapHost', 'Enter the IMAP server (e.g. imap.example.com) to save copies of sent messages to Sent.');
    }
    return { saveSentCopy, imapHost: null, imapPort: null, imapSecurity: null, imapUsername: null, sentFolder };
  }
  const imapSecurity: SmtpSecurity = input.imapSecurity ?? keep?.imapSecurity ?? 'tls';
  if (imapSecurity === 'none' && !isLoopbackHost(imapHost) && !input.allowInsecure) {
    throw FieldValidationError.of(
      'imapSecurity',
      'IMAP security "none" sends the password unencrypted: use TLS or STARTTLS, or set allowInsecure if you really mean it.',
    );
  }
  if (isIP(imapHost)) assertAddressAllowed(imapHost, allowPrivateHosts, 'imapHost');
  return {
    saveSentCopy,
    imapHost,
    imapPort: input.imapPort ?? keep?.imapPort ?? (imapSecurity === 'tls' ? 993 : 143),
    imapSecurity,
    imapUsername: input.imapUsername ?? keptImapUsername(keep) ?? username,
    sentFolder,
  };
}

/** An IMAP user name typed apart from the SMTP one stays; one that followed it follows it on. */
function keptImapUsername(keep: Mailbox | null): string | null {
  return keep?.imapUsername && keep.imapUsername !== keep.username ? keep.imapUsername : null;
}

/** An IP literal needs no DNS, so it is checked on save too; names are checked when connecting. */
function assertAddressAllowed(address: string, allowPrivateHosts: boolean, field: 'host' | 'imapHost' = 'host'): void {
  const range = refusedRange(address, allowPrivateHosts);
  if (range) {
    throw FieldValidationError.of(field, notAllowedMessage(address, address, range, field === 'host' ? 'SMTP' : 'IMAP'), ErrorCode.SMTP_HOST_NOT_ALLOWED);
  }
}

/**
 * A connected (OAuth) mailbox keeps the server and account it was connected with; only its display name and
 * daily limit can be edited. Anything else needs an app password (or connecting again).
 */
export function connectedSettings(input: MailboxInput, connected: Mailbox): MailboxSettingsFields {
  const changed = (['host', 'port', 'security', 'username', 'fromEmail', 'imapHost', 'imapPort', 'imapSecurity', 'imapUsername'] as const).filter(
    (field) => input[field] !== undefined && input[field] !== connected[field],
  );
  if (input.provider !== connected.provider) changed.push('provider' as never);
  if (changed.length) {
    throw FieldValidationError.of(
      'password',
      `This mailbox is connected with ${OAUTH_PROVIDER_LABELS[connected.kind as OAuthProvider]} as ${connected.username}: ` +
        `to change its ${changed.join(', ')}, enter an app password (or connect another account).`,
      ErrorCode.SMTP_PASSWORD_REQUIRED,
    );
  }
  // Microsoft 365 files a copy itself, and the consent covers SMTP.Send only: IMAP would refuse the token.
  if (input.saveSentCopy && connected.kind === 'microsoft') {
    throw FieldValidationError.of(
      'saveSentCopy',
      `Microsoft 365 saves what ${connected.username} sends in Sent Items itself, and the connection with Microsoft allows sending only: Sendas cannot save a copy over IMAP for it.`,
    );
  }
  return {
    ...connected,
    fromName: input.fromName ?? connected.fromName,
    dailyLimit: input.dailyLimit ?? connected.dailyLimit,
    sendsPerMinute: input.sendsPerMinute ?? connected.sendsPerMinute,
    saveSentCopy: input.saveSentCopy ?? connected.saveSentCopy,
    sentFolder: input.sentFolder !== undefined ? input.sentFolder : connected.sentFolder,
  };
}

/**
 * A stored password is only ever sent to the server, port, security and user name it was saved with:
 * otherwise anyone who may edit the form could point it at their own server and read the password out.
 */
export function assertSameServer(settings: MailboxSettingsFields, stored: Mailbox): void {
  const changed = BOUND_FIELDS.filter((field) => settings[field] !== stored[field]);
  if (!changed.length) return;
  const imap = changed.some((field) => field.startsWith('imap'));
  const where = (mailbox: Pick<Mailbox, 'username' | 'host' | 'port' | 'imapUsername' | 'imapHost' | 'imapPort'>) =>
    imap
      ? `${mailbox.imapUsername ?? mailbox.username} at the IMAP server ${mailbox.imapHost ?? '(none)'}${mailbox.imapPort ? `:${mailbox.imapPort}` : ''}`
      : `${mailbox.username} at ${mailbox.host}:${mailbox.port}`;
  throw FieldValidationError.of(
    'password',
    `The stored password is only used with ${where(stored)}: enter the password again to use it with ${where(settings)} (changed: ${changed.join(', ')}).`,
    ErrorCode.SMTP_PASSWORD_REQUIRED,
  );
}

/** Undefined for an empty body (test what is stored); otherwise a complete form. */
export function formFrom(body: SmtpVerifyInput, existing: Mailbox | null): MailboxInput | undefined {
  if (!Object.values(body).some((value) => value !== undefined)) return undefined;
  const provider = body.provider ?? existing?.provider;
  if (!provider) throw FieldValidationError.of('provider', 'provider must be one of gmail, office365, custom');
  return { ...body, provider };
}

/**
 * The settings a save (or a test of the form) would use: a connected mailbox's own when no app password comes with
 * the form, else the form over what is stored; a form without a password must keep the stored password's servers.
 */
export function settingsToApply(
  input: MailboxInput,
  existing: Mailbox | null,
  owner: Owner,
  actor: Pick<AuthUser, 'role'>,
  allowPrivateHosts: boolean,
  passwordMissing: string,
): MailboxSettingsFields {
  const connected = existing && existing.kind !== 'app_password' && !input.password ? existing : null;
  const settings = connected ? connectedSettings(input, connected) : resolveSettings(input, existing, owner, actor, allowPrivateHosts);
  if (!input.password && !existing) throw FieldValidationError.of('password', passwordMissing, ErrorCode.SMTP_PASSWORD_REQUIRED);
  if (!input.password) assertSameServer(settings, existing!);
  return settings;
}
