import { isIP } from 'node:net';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import {
  CUSTOM_DAILY_LIMIT,
  ErrorCode,
  type MailboxUsage,
  SMTP_PRESETS,
  type SmtpVerifyResult,
} from '@sendas/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { AppException, FieldValidationError, NotFoundError } from '../common/app.exception';
import type { Env } from '../config/env.validation';
import { SecretBox, SecretUnreadableError } from '../crypto/secret-box';
import { notAllowedMessage, refusedRange } from '../smtp/smtp-host-guard';
import type { SmtpSettings } from '../smtp/smtp-settings';
import { SmtpTransportCache } from '../smtp/smtp-transport-cache';
import { SmtpVerifier } from '../smtp/smtp-verifier';
import type {
  AuditEventResponse,
  SmtpCredentialInput,
  SmtpCredentialResponse,
  SmtpVerifyInput,
} from './dto/smtp-credential.dto';
import { smtpStatus } from './dto/user.dto';
import { SmtpCredential } from './smtp-credential.entity';
import { User } from './user.entity';

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
] as const;
type CredentialSettings = Pick<SmtpCredential, (typeof SETTING_FIELDS)[number]>;
/** What a stored password is bound to; changing any of them requires the password again. */
const BOUND_FIELDS = ['host', 'port', 'security', 'username'] as const;

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1)$/i;

interface UsageRow {
  used: number;
  oldest: Date | string | null;
}

/**
 * How many messages a sender's own mailbox sent in the last 24 hours (rolling; failed ones do not count) and
 * when the oldest of them went, in one scan. `sender` is a bind parameter. The database's trigger
 * (migration EmailDailyLimitGuard) counts the same window.
 */
const USAGE_SQL = (sender: string) =>
  `SELECT count(*)::int AS used, min(created_at) AS oldest FROM email_messages
   WHERE sender_id = ${sender} AND sent_via = 'user' AND status <> 'failed' AND created_at > now() - interval '24 hours'`;

function toUsage(row: UsageRow, limit: number): MailboxUsage {
  const used = Number(row.used);
  return {
    used,
    limit,
    remaining: Math.max(0, limit - used),
    freesAt: row.oldest ? new Date(new Date(row.oldest).getTime() + 86_400_000).toISOString() : null,
  };
}

/** The mailbox settings and their rules: presets, defaults, write-only encrypted password, audit. */
@Injectable()
export class SmtpCredentialsService {
  constructor(
    @InjectRepository(SmtpCredential) private readonly credentials: Repository<SmtpCredential>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly verifier: SmtpVerifier,
    private readonly transports: SmtpTransportCache,
    private readonly audit: AuditLog,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Superusers always; everyone else only while self-service is switched on. */
  assertMayManageOwn(actor: User): void {
    if (actor.role === 'superuser' || this.config.get('ALLOW_SELF_SERVICE_SMTP', { infer: true })) return;
    throw new AppException(
      HttpStatus.FORBIDDEN,
      ErrorCode.SMTP_SELF_SERVICE_DISABLED,
      'Mailbox settings are managed by your superuser here: ask them to set up or change your mailbox.',
    );
  }

  async get(userId: string): Promise<SmtpCredentialResponse> {
    await this.userOrFail(userId);
    const credential = await this.credentials.findOne({ where: { userId }, relations: { updatedBy: true } });
    if (!credential) throw this.notConfigured(userId);
    return this.toResponse(credential, await this.usage(userId, credential.dailyLimit));
  }

  /** A send failed because the provider refused the sign-in: the mailbox shows as failing until fixed. */
  async recordFailure(userId: string, code: string, message: string): Promise<void> {
    await this.credentials.update({ userId }, { lastErrorCode: code, lastErrorMessage: message, lastErrorAt: new Date() });
  }

  /** Sends through the user's own mailbox in the last 24 hours (rolling), from the audit log. */
  async usage(userId: string, limit: number): Promise<MailboxUsage> {
    const [row] = await this.dataSource.query<UsageRow[]>(USAGE_SQL('$1'), [userId]);
    return toUsage(row, limit);
  }

  async put(userId: string, input: SmtpCredentialInput, actor: User): Promise<SmtpCredentialResponse> {
    const user = await this.userOrFail(userId);
    const saved = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(SmtpCredential);
      const existing = await this.loadWithPassword(userId, repository);
      const settings = this.resolveSettings(input, existing, user, actor);
      if (!input.password && !existing) {
        throw FieldValidationError.of('password', 'Enter the app password for this mailbox.', ErrorCode.SMTP_PASSWORD_REQUIRED);
      }
      if (!input.password) this.assertSameServer(settings, existing!);
      const changed: string[] = SETTING_FIELDS.filter((field) => !existing || existing[field] !== settings[field]);
      if (input.password) changed.push('password');
      if (existing && !changed.length) return existing;

      const credential = repository.merge(existing ?? repository.create({ userId }), settings, {
        passwordEnc: input.password ? this.secrets.encrypt(input.password) : existing!.passwordEnc,
        version: (existing?.version ?? 0) + 1,
        verifiedAt: null,
        lastErrorCode: null,
        lastErrorMessage: null,
        lastErrorAt: null,
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
    return this.get(saved.userId);
  }

  async remove(userId: string, actor: User): Promise<void> {
    await this.userOrFail(userId);
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.getRepository(SmtpCredential).delete({ userId });
      if (!affected) throw this.notConfigured(userId);
      await this.audit.record(
        { actorId: actor.id, action: `${SUBJECT}.deleted`, subjectType: SUBJECT, subjectId: userId },
        manager,
      );
    });
    this.transports.evict(userId);
  }

  /**
   * Tests the stored settings, or settings from the form before saving (using the stored password only for
   * the server and user name it was saved with). Only a test of the stored settings updates verifiedAt /
   * lastError; every test is audited.
   */
  async verify(userId: string, body: SmtpVerifyInput, actor: User): Promise<SmtpVerifyResult> {
    const user = await this.userOrFail(userId);
    const existing = await this.loadWithPassword(userId);
    const input = this.formFrom(body, existing);
    if (!input && !existing) throw this.notConfigured(userId);
    const settings = input ? this.resolveSettings(input, existing, user, actor) : existing!;
    if (!input?.password && !existing) {
      throw FieldValidationError.of('password', 'Enter the app password to test this mailbox.', ErrorCode.SMTP_PASSWORD_REQUIRED);
    }
    if (!input?.password) this.assertSameServer(settings, existing!);

    let result: SmtpVerifyResult;
    try {
      const password = input?.password ?? this.secrets.decrypt(existing!.passwordEnc);
      result = await this.verifier.verify({ ...settings, password }, settings.username);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      result = {
        ok: false,
        code: ErrorCode.SECRET_UNREADABLE,
        message: `The stored password for ${settings.username} cannot be decrypted (it was changed, or its key is no longer configured): enter the app password again and save.`,
      };
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

  /**
   * A stored password is only ever sent to the server, port, security and user name it was saved with:
   * otherwise anyone who may edit the form could point it at their own server and read the password out.
   */
  private assertSameServer(settings: CredentialSettings, stored: SmtpCredential): void {
    const changed = BOUND_FIELDS.filter((field) => settings[field] !== stored[field]);
    if (!changed.length) return;
    throw FieldValidationError.of(
      'password',
      `The stored password is only used with ${stored.username} at ${stored.host}:${stored.port}: ` +
        `enter the password again to use it with ${settings.username} at ${settings.host}:${settings.port} (changed: ${changed.join(', ')}).`,
      ErrorCode.SMTP_PASSWORD_REQUIRED,
    );
  }

  /** Undefined for an empty body (test what is stored); otherwise a complete form. */
  private formFrom(body: SmtpVerifyInput, existing: SmtpCredential | null): SmtpCredentialInput | undefined {
    if (!Object.values(body).some((value) => value !== undefined)) return undefined;
    const provider = body.provider ?? existing?.provider;
    if (!provider) throw FieldValidationError.of('provider', 'provider must be one of gmail, office365, custom');
    return { ...body, provider };
  }

  async history(userId: string): Promise<AuditEventResponse[]> {
    await this.userOrFail(userId);
    const events = await this.audit.history(SUBJECT, userId);
    const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
    const actors = actorIds.length ? await this.users.findBy(actorIds.map((id) => ({ id }))) : [];
    const names = new Map(actors.map((actor) => [actor.id, actor.name]));
    return events.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      actor: event.actorId ? { id: event.actorId, name: names.get(event.actorId) ?? 'Deleted user' } : null,
      details: event.details,
    }));
  }

  /**
   * The mailbox to send through, its password decrypted, and what it has sent in the last 24 hours, in one
   * query; null when the user has no mailbox of their own.
   */
  async settingsForSending(userId: string): Promise<{ settings: SmtpSettings; credential: SmtpCredential; usage: MailboxUsage } | null> {
    const { entities, raw } = await this.credentials
      .createQueryBuilder('credential')
      .addSelect('credential.passwordEnc')
      .leftJoin(`(${USAGE_SQL(':userId')})`, 'usage', 'true')
      .addSelect(['usage.used AS used', 'usage.oldest AS oldest'])
      .where('credential.userId = :userId', { userId })
      .getRawAndEntities<UsageRow>();
    const [credential] = entities;
    if (!credential) return null;
    return {
      credential,
      settings: { ...credential, password: this.secrets.decrypt(credential.passwordEnc) },
      usage: toUsage(raw[0], credential.dailyLimit),
    };
  }

  private async recordCheck(credential: SmtpCredential, result: SmtpVerifyResult): Promise<void> {
    const now = new Date();
    await this.credentials.update(
      { id: credential.id },
      result.ok
        ? { verifiedAt: now, lastErrorCode: null, lastErrorMessage: null, lastErrorAt: null }
        : { lastErrorCode: result.code, lastErrorMessage: result.message, lastErrorAt: now },
    );
  }

  /** Applies presets and defaults to the form, over what is stored; rejects unsafe combinations. */
  private resolveSettings(input: SmtpCredentialInput, existing: SmtpCredential | null, user: User, actor: User): CredentialSettings {
    const preset = input.provider === 'custom' ? undefined : SMTP_PRESETS[input.provider];
    const keep = existing?.provider === input.provider ? existing : null;
    const host = preset?.host ?? input.host ?? keep?.host;
    if (!host) throw FieldValidationError.of('host', 'host is required for a custom SMTP server, e.g. smtp.example.com');
    const security = preset?.security ?? input.security ?? keep?.security ?? 'starttls';
    const port = preset?.port ?? input.port ?? keep?.port ?? (security === 'tls' ? 465 : 587);
    const fromEmail = (input.fromEmail ?? existing?.fromEmail ?? user.email).toLowerCase();
    if (fromEmail !== user.email.toLowerCase() && fromEmail !== existing?.fromEmail && actor.role !== 'superuser') {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        ErrorCode.SMTP_FROM_NOT_ALLOWED,
        `This mailbox sends as its owner's own address, ${user.email}: only a superuser can set another From address.`,
        [{ field: 'fromEmail', messages: [`Only a superuser can set a From address other than ${user.email}.`] }],
      );
    }
    const usernameWasDefault = !existing || existing.username === existing.fromEmail;
    const username = input.username ?? (usernameWasDefault ? fromEmail : existing.username);

    if (security === 'none' && !LOOPBACK_HOST.test(host) && !input.allowInsecure) {
      throw FieldValidationError.of(
        'security',
        'security "none" sends the password unencrypted: use STARTTLS or TLS, or set allowInsecure if you really mean it.',
      );
    }
    if (isIP(host)) this.assertAddressAllowed(host);

    return {
      provider: input.provider,
      host,
      port,
      security,
      username,
      fromEmail,
      fromName: input.fromName ?? existing?.fromName ?? user.name,
      allowSelfSignedCertificate: input.allowSelfSignedCertificate ?? existing?.allowSelfSignedCertificate ?? false,
      dailyLimit: input.dailyLimit ?? keep?.dailyLimit ?? preset?.dailyLimit ?? CUSTOM_DAILY_LIMIT,
    };
  }

  /** An IP literal needs no DNS, so it is checked on save too; names are checked when connecting. */
  private assertAddressAllowed(address: string): void {
    const range = refusedRange(address, this.config.get('ALLOW_PRIVATE_SMTP_HOSTS', { infer: true }));
    if (range) throw FieldValidationError.of('host', notAllowedMessage(address, address, range), ErrorCode.SMTP_HOST_NOT_ALLOWED);
  }

  private loadWithPassword(userId: string, repository = this.credentials): Promise<SmtpCredential | null> {
    return repository
      .createQueryBuilder('credential')
      .addSelect('credential.passwordEnc')
      .where('credential.userId = :userId', { userId })
      .getOne();
  }

  private async userOrFail(userId: string): Promise<User> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundError(ErrorCode.USER_NOT_FOUND, `No user with id ${userId}.`);
    return user;
  }

  private notConfigured(userId: string): NotFoundError {
    return new NotFoundError(ErrorCode.SMTP_NOT_CONFIGURED, `No mailbox is set up for user ${userId} yet.`);
  }

  private toResponse(credential: SmtpCredential, usage: MailboxUsage): SmtpCredentialResponse {
    return {
      userId: credential.userId,
      provider: credential.provider,
      host: credential.host,
      port: credential.port,
      security: credential.security,
      username: credential.username,
      fromEmail: credential.fromEmail,
      fromName: credential.fromName,
      hasPassword: true,
      allowSelfSignedCertificate: credential.allowSelfSignedCertificate,
      dailyLimit: credential.dailyLimit,
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
