import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, type Repository } from 'typeorm';
import { type AuthUser, newSecretToken, sha256Hex } from '../common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';
import { AuthSession } from './auth-session.entity';

/** How long the token a renewal replaced still renews: other tabs that renewed with it at the same moment. */
export const ROTATION_GRACE_SECONDS = 30;

type SessionRow = Pick<AuthSession, 'id' | 'userId' | 'sessionVersion'>;

const ROTATE = preparedStatement(
  'session_rotate',
  `UPDATE "auth_sessions" SET "token_hash" = $3, "previous_token_hash" = "token_hash", "rotated_at" = now(), "expires_at" = $2
   WHERE "token_hash" = $1 AND "expires_at" > now()
   RETURNING "id", "user_id" AS "userId", "session_version" AS "sessionVersion"`,
);

const REPLACED = preparedStatement(
  'session_replaced',
  `SELECT "id", "user_id" AS "userId", "session_version" AS "sessionVersion", "rotated_at" > now() - $2 * interval '1 second' AS "inGrace"
   FROM "auth_sessions" WHERE "previous_token_hash" = $1 AND "expires_at" > now()`,
);

const END = preparedStatement('session_end', `DELETE FROM "auth_sessions" WHERE "token_hash" = $1 OR "previous_token_hash" = $1 RETURNING "id"`);

/** A renewed session; `token` is the cookie's new value (null: renewed with the token just replaced, keep the cookie). */
export type RenewedSession = SessionRow & { token: string | null };

/** The sessions behind refresh cookies: started at sign-in, renewed while in use, ended at sign-out. */
@Injectable()
export class BrowserSessions {
  private readonly idleTimeoutSeconds: number;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly statements: PreparedStatements,
    config: Env,
  ) {
    this.idleTimeoutSeconds = config.SESSION_IDLE_TIMEOUT_SECONDS;
  }

  get maxAgeMs(): number {
    return this.idleTimeoutSeconds * 1000;
  }

  /** The idle timeout in words, for messages: "7 days", "8 hours", "30 minutes". */
  get idleTimeoutText(): string {
    const seconds = this.idleTimeoutSeconds;
    const [amount, unit] =
      seconds % 86_400 === 0 ? [seconds / 86_400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : [Math.round(seconds / 60), 'minute'];
    return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  }

  /** A new session for `user`: the token goes into the cookie and nowhere else; the id into its access tokens. */
  async start(user: AuthUser): Promise<{ token: string; id: string }> {
    const token = newSecretToken();
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    const { identifiers } = await this.sessions.insert({
      userId: user.id,
      tokenHash: sha256Hex(token),
      sessionVersion: user.sessionVersion,
      expiresAt: this.nextExpiry(),
    });
    return { token, id: (identifiers[0] as { id: string }).id };
  }

  /**
   * Renews the live session behind `token`: its idle timeout pushed back and the token replaced, the new one for the
   * cookie. The token it replaced still renews for ROTATION_GRACE_SECONDS (tabs renew in parallel), without a new
   * cookie; used again after that it is a copy, and the session ends (`reused`: its id). Null: unknown, ended or expired.
   */
  async renew(token: string): Promise<RenewedSession | { reused: string } | null> {
    const next = newSecretToken();
    const [rotated] = await this.statements.run<SessionRow>(ROTATE, [sha256Hex(token), this.nextExpiry(), sha256Hex(next)]);
    if (rotated) return { ...rotated, token: next };
    const [replaced] = await this.statements.run<SessionRow & { inGrace: boolean }>(REPLACED, [sha256Hex(token), ROTATION_GRACE_SECONDS]);
    if (!replaced) return null;
    if (replaced.inGrace) return { id: replaced.id, userId: replaced.userId, sessionVersion: replaced.sessionVersion, token: null };
    await this.sessions.delete({ id: replaced.id });
    return { reused: replaced.id };
  }

  /** Ends the session behind `token`; answers its id (null: there was none). */
  async end(token: string): Promise<string | null> {
    const [ended] = await this.statements.run<{ id: string }>(END, [sha256Hex(token)]);
    return ended?.id ?? null;
  }

  /** Whether the session `id` is still going (not signed out, not idle past its timeout). */
  async isLive(id: string): Promise<boolean> {
    return this.sessions.existsBy({ id, expiresAt: MoreThan(new Date()) });
  }

  private nextExpiry(): Date {
    return new Date(Date.now() + this.maxAgeMs);
  }
}
