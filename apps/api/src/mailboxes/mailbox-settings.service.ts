import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  CUSTOM_DAILY_LIMIT,
  CUSTOM_SENDS_PER_MINUTE,
  ErrorCode,
  IMAP_PRESETS,
  type MailboxAuditEvent,
  type MailboxUsage,
  OAUTH_PROVIDER_LABELS,
  OAUTH_SMTP_PROVIDER,
  type OAuthProvider,
  type SmtpCredentialDto,
  type SmtpSummary,
  SMTP_PRESETS,
  type SmtpSecurity,
  type SmtpVerifyResult,
} from '@sendas/contracts';
import { AuditLog } from '../audit';
import { AppException, type AuthUser, FieldValidationError, NotFoundError } from '../common';
import type { Env } from '../config';
import { SecretBox, SecretUnreadableError } from '../crypto';
import { mapImapError, SentFolder } from '../imap';
import { isLoopbackHost, notAllowedMessage, refusedRange, type SmtpAuth, SmtpTransportCache, SmtpVerifier } from '../smtp';
import { type User, UsersService } from '../users';
import {
  type SmtpCredentialInput,
  smtpStatus,
  toSmtpSummary,
  type SmtpVerifyInput,
} from './dto/mailbox.dto';
import { Mailbox } from './mailbox.entity';
import { imapSettingsOf, MailboxSending } from './mailbox-sending.service';
import { AccessTokens, ConsentWithdrawnError, TokenEndpointError } from './oauth/access-tokens';
import type { OAuthProviderSettings } from './oauth/oauth-clients';

const SUBJECT = 'smtp_credential';
const SETTING_FIELDS = [
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
type CredentialSettings = Pick<Mailbox, (typeof SETTING_FIELDS)[number]>;
type ImapFields = Pick<Mailbox, 'saveSentCopy' | 'imapHost' | 'imapPort' | 'imapSecurity' | 'imapUsername' | 'sentFolder'>;
/** What makes a mailbox another one (with its kind): a scheduled send approved for the old one must not use it. */
const IDENTITY_FIELDS = ['host', 'username', 'fromEmail'] as const;

/** A new identity (see Mailbox.identity) when the mailbox is new, switches kind or changes its account or address. */
function isAnotherMailbox(existing: Mailbox | null, next: Pick<Mailbox, 'kind' | (typeof IDENTITY_FIELDS)[number]>): boolean {
  return !existing || existing.kind !== next.kind || IDENTITY_FIELDS.some((field) => existing[field] !== next[field]);
}

/** What a stored password is bound to (SMTP and IMAP server); changing any of them requires the password again. */
const BOUND_FIELDS = ['host', 'port', 'security', 'username', 'allowSelfSignedCertificate', 'imapHost', 'imapPort', 'imapSecurity', 'imapUsername'] as const;

/**
 * The settings side of mailboxes (My mailbox, the superuser's editor): presets, defaults, the write-only
 * encrypted password or OAuth refresh token, verification, audit. The send-time side is MailboxSending.
 */
@Injectable()
export class MailboxSettings {
  constructor(
    @InjectRepository(Mailbox) private readonly credentials: Repository<Mailbox>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly secrets: SecretBox,
    private readonly verifier: SmtpVerifier,
    private readonly sentFolders: SentFolder,
    private readonly transports: SmtpTransportCache,
    private readonly tokens: AccessTokens,
    private readonly sending: MailboxSending,
    private readonly audit: AuditLog,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Superusers always; everyone else only while self-service is switched on. */
  assertMayManageOwn(actor: AuthUser): void {
    if (actor.role === 'superuser' || this.config.get('ALLOW_SELF_SERVICE_SMTP', { infer: true })) return;
    throw new AppException(
      ErrorCode.SMTP_SELF_SERVICE_DISABLED,
      'Mailbox settings are managed by your superuser here: ask them to set up or change your mailbox.',
    );
  }

  async get(userId: string): Promise<SmtpCredentialDto> {
    await this.userOrFail(userId);
    const credential = await this.credentials.findOne({ where: { userId }, relations: { updatedBy: true } });
    if (!credential) throw this.notConfigured(userId);
    return this.toResponse(credential, await this.sending.usage(userId, credential.dailyLimit));
  }

  /** Every mailbox's state, for the superuser's list of users (users without one have none). */
  async summaries(): Promise<SmtpSummary[]> {
    return (await this.credentials.find()).map(toSmtpSummary);
  }

  async put(userId: string, input: SmtpCredentialInput, actor: AuthUser): Promise<SmtpCredentialDto> {
    const user = await this.userOrFail(userId);
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Mailbox);
      const existing = await this.loadWithPassword(userId, repository, true);
      const connected = existing && existing.kind !== 'app_password' && !input.password ? existing : null;
      const settings = connected ? this.connectedSettings(input, connected) : this.resolveSettings(input, existing, user, actor);
      if (!input.password && !existing) {
        throw FieldValidationError.of('password', 'Enter the app password for this mailbox.', ErrorCode.SMTP_PASSWORD_REQUIRED);
      }
      if (!input.password) this.assertSameServer(settings, existing!);
      const changed: string[] = SETTING_FIELDS.filter((field) => !existing || existing[field] !== settings[field]);
      if (input.password) changed.push('password');
      if (existing && !changed.length) return existing;

      const kind = input.password ? 'app_password' : (existing?.kind ?? 'app_password');
      const numbers = await mailboxNumbers(manager);
      const credential = repository.merge(existing ?? repository.create({ userId }), settings, {
        ...(input.password
          ? { kind: 'app_password' as const, passwordEnc: this.secrets.encrypt(input.password), refreshTokenEnc: null, consentRefreshedAt: null }
          : {}),
        identity: isAnotherMailbox(existing, { kind, ...settings }) ? numbers.identity : existing!.identity,
        version: numbers.version,
        // A new name or limit leaves a connected mailbox's sign-in (and a "reconnect required") as it was.
        ...(connected ? {} : { verifiedAt: null, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }),
        updatedById: actor.id,
      });
      const result = await repository.save(credential);
      await this.audit.record(
        {
          actorId: actor.id,
          action: existing ? `${SUBJECT}.updated` : `${SUBJECT}.created`,
          subjectType: SUBJECT,
          subjectId: userId,
          details: { changed },
        },
        manager,
      );
      return result;
    });
    this.transports.evict(userId);
    this.sending.forget(userId);
    return this.get(saved.userId);
  }

  async remove(userId: string, actor: AuthUser): Promise<void> {
    await this.userOrFail(userId);
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.getRepository(Mailbox).delete({ userId });
      if (!affected) throw this.notConfigured(userId);
      await this.audit.record(
        { actorId: actor.id, action: `${SUBJECT}.deleted`, subjectType: SUBJECT, subjectId: userId },
        manager,
      );
    });
    this.transports.evict(userId);
    this.sending.forget(userId);
  }

  /**
   * Tests the stored settings, or settings from the form before saving (using the stored password only for
   * the server and user name it was saved with). Only a test of the stored settings updates verifiedAt /
   * lastError; every test is audited.
   */
  async verify(userId: string, body: SmtpVerifyInput, actor: AuthUser): Promise<SmtpVerifyResult> {
    const user = await this.userOrFail(userId);
    const existing = await this.loadWithPassword(userId);
    const input = this.formFrom(body, existing);
    if (!input && !existing) throw this.notConfigured(userId);
    const connected = existing && existing.kind !== 'app_password' && !input?.password ? existing : null;
    const settings = !input ? existing! : connected ? this.connectedSettings(input, connected) : this.resolveSettings(input, existing, user, actor);
    if (!input?.password && !existing) {
      throw FieldValidationError.of('password', 'Enter the app password to test this mailbox.', ErrorCode.SMTP_PASSWORD_REQUIRED);
    }
    if (!input?.password) this.assertSameServer(settings, existing!);

    let result: SmtpVerifyResult;
    try {
      const auth: SmtpAuth =
        input?.password || existing!.kind === 'app_password'
          ? { password: input?.password ?? this.secrets.decrypt(existing!.passwordEnc!) }
          : await this.oauthAuth(existing!);
      result = await this.verifier.verify({ ...settings, auth }, settings.username);
      if (result.ok && settings.saveSentCopy) result = await this.verifySentFolder(settings, auth, result.message);
    } catch (error) {
      result = this.unusableSecret(error, settings.username);
    }

    if (!input && existing) await this.recordCheck(existing, result);
    await this.audit.record({
      actorId: actor.id,
      action: `${SUBJECT}.verified`,
      subjectType: SUBJECT,
      subjectId: userId,
      details: {
        ok: result.ok,
        ...(result.ok ? {} : { code: result.code }),
        tested: input ? 'form' : 'stored',
        server: `${settings.host}:${settings.port}`,
        username: settings.username,
      },
    });
    return result;
  }

  /** SMTP works; with "Save a copy to Sent" the IMAP side must too, and the test names the folder copies go to. */
  private async verifySentFolder(settings: CredentialSettings, auth: SmtpAuth, smtpMessage: string): Promise<SmtpVerifyResult> {
    const imap = imapSettingsOf(settings, auth);
    try {
      const folder = await this.sentFolders.locate(imap);
      return { ok: true, message: `${smtpMessage} Copies of sent messages will be saved to "${folder}" on ${imap.host}.`, sentFolder: folder };
    } catch (error) {
      const failure = mapImapError(error, imap);
      return { ok: false, code: failure.code, message: `Sending works, but no copy could be saved to Sent: ${failure.message}` };
    }
  }

  /** The sign-in of a connected mailbox, with a fresh access token (so a withdrawn consent shows in the test). */
  private async oauthAuth(mailbox: Mailbox): Promise<SmtpAuth> {
    await this.tokens.get(mailbox, true);
    return { accessToken: (renew) => this.tokens.get(mailbox, renew) };
  }

  /** A test that could not even sign in: the stored secret is unreadable, the consent is gone, the provider is away. */
  private unusableSecret(error: unknown, username: string): SmtpVerifyResult {
    if (error instanceof SecretUnreadableError) {
      return {
        ok: false,
        code: ErrorCode.SECRET_UNREADABLE,
        message: `The stored password for ${username} cannot be decrypted (it was changed, or its key is no longer configured): enter the app password again and save.`,
      };
    }
    if (error instanceof ConsentWithdrawnError) return { ok: false, code: ErrorCode.MAILBOX_RECONNECT_REQUIRED, message: error.reason };
    if (error instanceof TokenEndpointError) return { ok: false, code: ErrorCode.OAUTH_EXCHANGE_FAILED, message: `${error.message}: try again in a few minutes.` };
    throw error;
  }

  /**
   * A connected (OAuth) mailbox keeps the server and account it was connected with; only its display name and
   * daily limit can be edited. Anything else needs an app password (or connecting again).
   */
  private connectedSettings(input: SmtpCredentialInput, connected: Mailbox): CredentialSettings {
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
   * The owner's consent arrived (MailboxOAuth): the mailbox now signs in as `account` at the provider with this
   * refresh token, replacing an app password or an earlier connection, and any "reconnect required" is cleared.
   */
  async connect(owner: AuthUser, provider: OAuthProviderSettings, account: string, refreshToken: string): Promise<SmtpCredentialDto> {
    const smtpProvider = OAUTH_SMTP_PROVIDER[provider.provider];
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Mailbox);
      const existing = await repository.findOne({ where: { userId: owner.id }, lock: { mode: 'pessimistic_write' } });
      const numbers = await mailboxNumbers(manager);
      const mailbox = repository.merge(existing ?? repository.create({ userId: owner.id }), {
        identity: isAnotherMailbox(existing, { kind: provider.provider, host: provider.smtp.host, username: account, fromEmail: account }) ? numbers.identity : existing!.identity,
        kind: provider.provider,
        provider: smtpProvider,
        ...provider.smtp,
        username: account,
        ...this.presetImap(smtpProvider, account, null),
        saveSentCopy: existing?.provider === smtpProvider && existing.saveSentCopy,
        sentFolder: existing?.provider === smtpProvider ? existing.sentFolder : null,
        fromEmail: account,
        fromName: existing?.fromName ?? owner.name,
        allowSelfSignedCertificate: false,
        dailyLimit: existing?.provider === smtpProvider ? existing.dailyLimit : SMTP_PRESETS[smtpProvider].dailyLimit,
        sendsPerMinute: existing?.provider === smtpProvider ? existing.sendsPerMinute : SMTP_PRESETS[smtpProvider].sendsPerMinute,
        passwordEnc: null,
        refreshTokenEnc: this.secrets.encrypt(refreshToken),
        consentRefreshedAt: new Date(),
        version: numbers.version,
        verifiedAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        lastErrorAt: null,
        updatedById: owner.id,
      });
      await repository.save(mailbox);
      await this.audit.record(
        {
          actorId: owner.id,
          action: `${SUBJECT}.connected`,
          subjectType: SUBJECT,
          subjectId: owner.id,
          details: { provider: provider.provider, account, replaced: existing ? existing.kind : null },
        },
        manager,
      );
    });
    this.transports.evict(owner.id);
    this.sending.forget(owner.id);
    return this.get(owner.id);
  }

  /**
   * A stored password is only ever sent to the server, port, security and user name it was saved with:
   * otherwise anyone who may edit the form could point it at their own server and read the password out.
   */
  private assertSameServer(settings: CredentialSettings, stored: Mailbox): void {
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
  private formFrom(body: SmtpVerifyInput, existing: Mailbox | null): SmtpCredentialInput | undefined {
    if (!Object.values(body).some((value) => value !== undefined)) return undefined;
    const provider = body.provider ?? existing?.provider;
    if (!provider) throw FieldValidationError.of('provider', 'provider must be one of gmail, office365, custom');
    return { ...body, provider };
  }

  async history(userId: string): Promise<MailboxAuditEvent[]> {
    await this.userOrFail(userId);
    const events = await this.audit.history(SUBJECT, userId);
    const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
    const names = await this.users.namesOf(actorIds);
    return events.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      actor: event.actorId ? { id: event.actorId, name: names.get(event.actorId) ?? 'Deleted user' } : null,
      details: event.details,
    }));
  }

  private async recordCheck(credential: Mailbox, result: SmtpVerifyResult): Promise<void> {
    const now = new Date();
    await this.credentials.update(
      { id: credential.id },
      result.ok
        ? { verifiedAt: now, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }
        : { lastErrorCode: result.code, lastErrorMessage: result.message, lastErrorAt: now },
    );
  }

  /** Applies presets and defaults to the form, over what is stored; rejects unsafe combinations. */
  private resolveSettings(input: SmtpCredentialInput, existing: Mailbox | null, user: AuthUser, actor: AuthUser): CredentialSettings {
    const preset = input.provider === 'custom' ? undefined : SMTP_PRESETS[input.provider];
    const keep = existing?.provider === input.provider ? existing : null;
    const host = preset?.host ?? input.host ?? keep?.host;
    if (!host) throw FieldValidationError.of('host', 'host is required for a custom SMTP server, e.g. smtp.example.com');
    const security = preset?.security ?? input.security ?? keep?.security ?? 'starttls';
    const port = preset?.port ?? input.port ?? keep?.port ?? (security === 'tls' ? 465 : 587);
    const fromEmail = (input.fromEmail ?? existing?.fromEmail ?? user.email).toLowerCase();
    if (fromEmail !== user.email.toLowerCase() && fromEmail !== existing?.fromEmail && actor.role !== 'superuser') {
      throw new AppException(
        ErrorCode.SMTP_FROM_NOT_ALLOWED,
        `This mailbox sends as its owner's own address, ${user.email}: only a superuser can set another From address.`,
        [{ field: 'fromEmail', messages: [`Only a superuser can set a From address other than ${user.email}.`] }],
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
    if (isIP(host)) this.assertAddressAllowed(host);
    const imap = preset ? this.presetImap(input.provider as keyof typeof IMAP_PRESETS, username, keep, input) : this.customImap(input, keep, username);

    return {
      ...imap,
      provider: input.provider,
      host,
      port,
      security,
      username,
      fromEmail,
      fromName: input.fromName ?? existing?.fromName ?? user.name,
      allowSelfSignedCertificate: input.allowSelfSignedCertificate ?? existing?.allowSelfSignedCertificate ?? false,
      dailyLimit: input.dailyLimit ?? keep?.dailyLimit ?? preset?.dailyLimit ?? CUSTOM_DAILY_LIMIT,
      sendsPerMinute: input.sendsPerMinute ?? keep?.sendsPerMinute ?? preset?.sendsPerMinute ?? CUSTOM_SENDS_PER_MINUTE,
    };
  }

  /** Gmail and Microsoft 365: their own IMAP server; saving is off unless asked for (they file a copy themselves). */
  private presetImap(provider: keyof typeof IMAP_PRESETS, username: string, keep: Mailbox | null, input?: SmtpCredentialInput): ImapFields {
    const { host, port, security } = IMAP_PRESETS[provider];
    return {
      saveSentCopy: input?.saveSentCopy ?? keep?.saveSentCopy ?? false,
      imapHost: host,
      imapPort: port,
      imapSecurity: security,
      imapUsername: input?.imapUsername ?? this.keptImapUsername(keep) ?? username,
      sentFolder: input?.sentFolder !== undefined ? input.sentFolder : (keep?.sentFolder ?? null),
    };
  }

  /** Another server: saving is on by default once an IMAP server is given, which must then be safe to sign in to. */
  private customImap(input: SmtpCredentialInput, keep: Mailbox | null, username: string): ImapFields {
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
    if (isIP(imapHost)) this.assertAddressAllowed(imapHost, 'imapHost');
    return {
      saveSentCopy,
      imapHost,
      imapPort: input.imapPort ?? keep?.imapPort ?? (imapSecurity === 'tls' ? 993 : 143),
      imapSecurity,
      imapUsername: input.imapUsername ?? this.keptImapUsername(keep) ?? username,
      sentFolder,
    };
  }

  /** An IMAP user name typed apart from the SMTP one stays; one that followed it follows it on. */
  private keptImapUsername(keep: Mailbox | null): string | null {
    return keep?.imapUsername && keep.imapUsername !== keep.username ? keep.imapUsername : null;
  }

  /** An IP literal needs no DNS, so it is checked on save too; names are checked when connecting. */
  private assertAddressAllowed(address: string, field: 'host' | 'imapHost' = 'host'): void {
    const range = refusedRange(address, this.config.get('ALLOW_PRIVATE_SMTP_HOSTS', { infer: true }));
    if (range) {
      throw FieldValidationError.of(field, notAllowedMessage(address, address, range, field === 'host' ? 'SMTP' : 'IMAP'), ErrorCode.SMTP_HOST_NOT_ALLOWED);
    }
  }

  /** With `forUpdate` (inside a transaction) the row stays locked, so a save and a connect cannot interleave. */
  private loadWithPassword(userId: string, repository = this.credentials, forUpdate = false): Promise<Mailbox | null> {
    const query = repository
      .createQueryBuilder('credential')
      .addSelect('credential.passwordEnc')
      .where('credential.userId = :userId', { userId });
    return (forUpdate ? query.setLock('pessimistic_write') : query).getOne();
  }

  private userOrFail(userId: string): Promise<User> {
    return this.users.get(userId);
  }

  private notConfigured(userId: string): NotFoundError {
    return new NotFoundError(ErrorCode.SMTP_NOT_CONFIGURED, `No mailbox is set up for user ${userId} yet.`);
  }

  private toResponse(credential: Mailbox, usage: MailboxUsage): SmtpCredentialDto {
    return {
      userId: credential.userId,
      kind: credential.kind,
      provider: credential.provider,
      host: credential.host,
      port: credential.port,
      security: credential.security,
      username: credential.username,
      fromEmail: credential.fromEmail,
      fromName: credential.fromName,
      hasPassword: credential.kind === 'app_password',
      consentRefreshedAt: credential.consentRefreshedAt?.toISOString() ?? null,
      allowSelfSignedCertificate: credential.allowSelfSignedCertificate,
      dailyLimit: credential.dailyLimit,
      sendsPerMinute: credential.sendsPerMinute,
      saveSentCopy: credential.saveSentCopy,
      imapHost: credential.imapHost,
      imapPort: credential.imapPort,
      imapSecurity: credential.imapSecurity,
      imapUsername: credential.imapUsername,
      sentFolder: credential.sentFolder,
      version: credential.version,
      status: smtpStatus(credential),
      verifiedAt: credential.verifiedAt?.toISOString() ?? null,
      lastError:
        credential.lastErrorCode && credential.lastErrorMessage && credential.lastErrorAt
          ? { code: credential.lastErrorCode, message: credential.lastErrorMessage, at: credential.lastErrorAt.toISOString() }
          : null,
      updatedBy: credential.updatedBy ? { id: credential.updatedBy.id, name: credential.updatedBy.name } : null,
      usage,
      createdAt: credential.createdAt.toISOString(),
      updatedAt: credential.updatedAt.toISOString(),
    };
  }
}

/** Two new numbers from the sequence every mailbox draws from: never one an earlier mailbox had (see Mailbox.identity). */
async function mailboxNumbers(manager: EntityManager): Promise<{ identity: number; version: number }> {
  const [row] = await manager.query<Array<{ identity: number; version: number }>>(
    `SELECT nextval('mailbox_numbers')::int AS identity, nextval('mailbox_numbers')::int AS version`,
  );
  return row;
}
