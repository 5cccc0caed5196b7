import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '@sendas/contracts';
import { AppException, type AuthUser, type SessionAuthenticator } from '../common';
import { Env } from '../config';
import { UsersService } from '../users';
import type { JwtPayload } from './auth.service';
import { BrowserSessions } from './browser-sessions.service';
import { jwtSecretFrom } from './jwt-secret';

/** How long a browser session found live is taken as live: the longest an access token outlives a sign-out elsewhere. */
const SESSION_RECHECK_MS = 5_000;

type VerifiedPayload = JwtPayload & { exp: number };

/**
 * Access tokens of signed-in people, as passport's `session-token` strategy validates them. A token's signature is
 * checked once and the result kept (HS256 under the server's one secret gives the same answer for the same string
 * every time); its expiry is checked on every use. The user is loaded on every request (UsersService caches it
 * briefly), so deactivation and role changes take effect, and a token issued before the user's password last changed
 * is refused.
 */
@Injectable()
export class SessionTokens implements SessionAuthenticator {
  // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse a string as a public key first.
  private readonly key: KeyObject;
  private readonly verified = new LRUCache<string, VerifiedPayload>({ max: 10_000 });
  /** Browser sessions found live lately: each is read again after a few seconds, so a sign-out elsewhere takes effect. */
  private readonly liveSessions = new LRUCache<string, true>({ max: 10_000, ttl: SESSION_RECHECK_MS });

  constructor(
    config: Env,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly sessions: BrowserSessions,
  ) {
    this.key = createSecretKey(Buffer.from(jwtSecretFrom({ JWT_SECRET: config.JWT_SECRET, DATA_DIR: config.DATA_DIR })));
  }

  async authenticate(token: string): Promise<AuthUser> {
    const payload = this.payloadOf(token);
    const user = await this.users.findActive(payload.sub);
    if (!user) {
      throw new AppException(ErrorCode.AUTH_USER_INACTIVE, 'This account is no longer active. Ask a superuser to reactivate it.');
    }
    if ((payload.ver ?? 0) !== user.sessionVersion) {
      throw new AppException(
        ErrorCode.AUTH_SESSION_REVOKED,
        'You were signed out because the password of this account was changed. Sign in with the new password.',
      );
    }
    if (payload.sid && !(await this.isLive(payload.sid))) {
      throw new AppException(ErrorCode.AUTH_SESSION_ENDED, 'You signed out of this session (here or in another tab). Sign in again.');
    }
    return user;
  }

  /** The session was signed out on this instance: its tokens stop at once here. */
  forgetSession(id: string): void {
    this.liveSessions.delete(id);
  }

  private async isLive(sessionId: string): Promise<boolean> {
    if (this.liveSessions.get(sessionId)) return true;
    if (!(await this.sessions.isLive(sessionId))) return false;
    this.liveSessions.set(sessionId, true);
    return true;
  }

  private payloadOf(token: string): VerifiedPayload {
    let payload = this.verified.get(token);
    if (!payload) {
      try {
        payload = this.jwt.verify<VerifiedPayload>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
      } catch {
        throw invalidToken();
      }
      this.verified.set(token, payload);
    }
    if (payload.exp * 1000 <= Date.now()) {
      this.verified.delete(token);
      throw invalidToken();
    }
    return payload;
  }
}

function invalidToken(): AppException {
  return new AppException(ErrorCode.AUTH_TOKEN_INVALID, 'Your session has expired or is invalid. Sign in again.');
}
