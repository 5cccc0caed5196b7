import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { newSecretToken, sha256Hex } from '../common/secret-token';
import type { Env } from '../config/env.validation';
import type { User } from '../users/user.entity';
import { AuthSession } from './auth-session.entity';

/** The sessions behind refresh cookies: started at sign-in, renewed while in use, ended at sign-out. */
@Injectable()
export class BrowserSessions {
  private readonly idleTimeoutSeconds: number;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    config: ConfigService<Env, true>,
  ) {
    this.idleTimeoutSeconds = config.get('SESSION_IDLE_TIMEOUT_SECONDS', { infer: true });
  }

  get maxAgeMs(): number {
    return this.idleTimeoutSeconds * 1000;
  }

  /** The idle timeout in words, for messages: "7 days", "8 hours", "30 minutes". */
  get idleTimeoutText(): string {
    const seconds = this.idleTimeoutSeconds;
    const [amount, unit] = seconds % 86_400 === 0 ? [seconds / 86_400, 'day'] : seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : [Math.round(seconds / 60), 'minute'];
    return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  }

  /** A new session for `user`: the token goes into the cookie and nowhere else; the id into its access tokens. */
  async start(user: User): Promise<{ token: string; id: string }> {
    const token = newSecretToken();
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    const { identifiers } = await this.sessions.insert({ userId: user.id, tokenHash: sha256Hex(token), sessionVersion: user.sessionVersion, expiresAt: this.nextExpiry() });
    return { token, id: (identifiers[0] as { id: string }).id };
  }

  /** The live session behind `token`, its idle timeout pushed back; null when unknown, ended or expired. */
  async renew(token: string): Promise<Pick<AuthSession, 'id' | 'userId' | 'sessionVersion'> | null> {
    const [rows] = (await this.sessions.query(
      `UPDATE "auth_sessions" SET "expires_at" = $2 WHERE "token_hash" = $1 AND "expires_at" > now()
       RETURNING "id", "user_id" AS "userId", "session_version" AS "sessionVersion"`,
      [sha256Hex(token), this.nextExpiry()],
    )) as [Pick<AuthSession, 'id' | 'userId' | 'sessionVersion'>[], number];
    return rows[0] ?? null;
  }

  /** Ends the session behind `token`; answers its id (null: there was none). */
  async end(token: string): Promise<string | null> {
    const [rows] = (await this.sessions.query(`DELETE FROM "auth_sessions" WHERE "token_hash" = $1 RETURNING "id"`, [sha256Hex(token)])) as [Array<{ id: string }>, number];
    return rows[0]?.id ?? null;
  }

  /** Whether the session `id` is still going (not signed out, not idle past its timeout). */
  async isLive(id: string): Promise<boolean> {
    return (await this.sessions.query(`SELECT 1 FROM "auth_sessions" WHERE "id" = $1 AND "expires_at" > now()`, [id])).length > 0;
  }

  private nextExpiry(): Date {
    return new Date(Date.now() + this.maxAgeMs);
  }
}
