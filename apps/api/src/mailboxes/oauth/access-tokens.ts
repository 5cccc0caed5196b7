import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { Repository } from 'typeorm';
import { ErrorCode, type OAuthProvider } from '@sendas/contracts';
import { SecretBox } from '../../crypto';
import { everyColumn } from '../../database';
import { type AccessToken, reconnectMessage } from '../../smtp';
import { Mailbox } from '../mailbox.entity';
import { isInvalidGrant, OAuthClients } from './oauth-clients';

/** A cached access token is renewed this long before it expires, so it never runs out mid-conversation. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * The provider withdrew the consent. Its message starts with `invalid_grant` like nodemailer's own, so a refusal
 * in the middle of an SMTP conversation maps to MAILBOX_RECONNECT_REQUIRED too (smtp/smtp-errors.ts).
 */
export class ConsentWithdrawnError extends Error {
  constructor(readonly reason: string) {
    super(`invalid_grant: ${reason}`);
  }
}

/** The provider's token endpoint could not be reached or answered with something other than a refusal of the grant. */
export class TokenEndpointError extends Error {}

/**
 * What went wrong when an OAuth mailbox's access token was asked for (say, while signing in to IMAP), for modules that
 * use the token without knowing how it is made: null when `error` is not about the token. `temporary`: worth retrying.
 */
export function accessTokenFailureOf(error: unknown): { code: ErrorCode; message: string; temporary: boolean } | null {
  if (error instanceof ConsentWithdrawnError) return { code: ErrorCode.MAILBOX_RECONNECT_REQUIRED, message: error.reason, temporary: false };
  if (error instanceof TokenEndpointError) return { code: ErrorCode.OAUTH_EXCHANGE_FAILED, message: error.message, temporary: true };
  return null;
}

type OAuthMailbox = Pick<Mailbox, 'id' | 'version' | 'kind' | 'provider' | 'username'>;

/**
 * Access tokens of OAuth mailboxes: cached per mailbox version until shortly before expiry, one refresh at a time
 * per mailbox in this process (concurrent sends wait for the same one), and a rotated refresh token stored at once,
 * only over the token it replaces (so of two instances refreshing together, the later never overwrites the
 * earlier's newer token with an older one). A refused grant marks the mailbox "reconnect required".
 */
@Injectable()
export class AccessTokens {
  private readonly logger = new Logger(AccessTokens.name);
  private readonly tokens = new LRUCache<string, AccessToken>({ max: 5_000 });
  private readonly refreshing = new Map<string, Promise<AccessToken>>();

  constructor(
    @InjectRepository(Mailbox) private readonly mailboxes: Repository<Mailbox>,
    private readonly clients: OAuthClients,
    private readonly secrets: SecretBox,
  ) {}

  /** A valid access token; `renew`: the server refused the last one, so fetch a new one whatever the cache says. */
  async get(mailbox: OAuthMailbox, renew = false): Promise<AccessToken> {
    const key = `${mailbox.id}:${mailbox.version}`;
    const cached = this.tokens.get(key);
    if (!renew && cached && cached.expiresAt - RENEW_BEFORE_MS > Date.now()) return cached;
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(mailbox).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    const token = await pending;
    this.tokens.set(key, token);
    return token;
  }

  private async refresh(mailbox: OAuthMailbox): Promise<AccessToken> {
    const stored = await this.mailboxes.findOne({ where: { id: mailbox.id }, select: everyColumn(this.mailboxes) });
    if (!stored?.refreshTokenEnc || stored.kind === 'app_password') {
      throw new ConsentWithdrawnError(`the mailbox ${mailbox.username} is no longer connected`);
    }
    const provider = this.clients.settings(stored.kind as OAuthProvider);
    if (!provider) throw new TokenEndpointError(`${stored.kind} sign-in is not set up on this server (its client id and secret are missing)`);
    const refreshToken = this.secrets.decrypt(stored.refreshTokenEnc);
    let tokens;
    try {
      tokens = await this.clients.refresh(provider, refreshToken);
    } catch (error) {
      if (!isInvalidGrant(error)) {
        throw new TokenEndpointError(`${provider.label} did not renew the access of ${mailbox.username} (${(error as Error).message})`);
      }
      const message = reconnectMessage(mailbox.provider, mailbox.username);
      await this.mailboxes.update(
        { id: stored.id, refreshTokenEnc: stored.refreshTokenEnc },
        { lastErrorCode: ErrorCode.MAILBOX_RECONNECT_REQUIRED, lastErrorMessage: message, lastErrorAt: new Date() },
      );
      this.logger.warn(`${provider.label} refused the refresh token of mailbox ${stored.id}: reconnect required`);
      throw new ConsentWithdrawnError(message);
    }
    await this.mailboxes.update(
      { id: stored.id, refreshTokenEnc: stored.refreshTokenEnc },
      {
        consentRefreshedAt: new Date(),
        ...(tokens.refreshToken && tokens.refreshToken !== refreshToken ? { refreshTokenEnc: this.secrets.encrypt(tokens.refreshToken) } : {}),
      },
    );
    return { token: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000 };
  }
}
