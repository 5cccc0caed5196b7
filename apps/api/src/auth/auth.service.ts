import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type LoginResponse, type UserDto } from '@sendas/contracts';
import { AppException, type AuthUser, FieldValidationError } from '../common';
import { Env } from '../config';
import { type User, UsersService } from '../users';
import { BrowserSessions } from './browser-sessions.service';
import { SessionTokens } from './session-tokens';

/** A sign-in: the answer for the body, and the refresh token for the cookie. */
export interface SignedIn {
  response: LoginResponse;
  refreshToken: string;
}

export interface JwtPayload {
  sub: string;
  role: string;
  /** The user's session version when the token was issued (absent in tokens issued before it existed). */
  ver?: number;
  /** The browser session (`auth_sessions.id`) it was issued for: signing out of it ends the token too. */
  sid?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: Env,
    private readonly sessions: BrowserSessions,
    private readonly tokens: SessionTokens,
  ) {}

  /** Same answer for an unknown email and a wrong password, so accounts cannot be probed. */
  async login(email: string, password: string): Promise<SignedIn> {
    const user = await this.users.authenticate(email, password);
    if (!user) {
      throw new AppException(ErrorCode.AUTH_INVALID_CREDENTIALS, 'Email or password is wrong. Check both and try again.');
    }
    if (!user.active) {
      throw new AppException(ErrorCode.AUTH_USER_INACTIVE, 'This account has been deactivated. Ask a superuser to reactivate it.');
    }
    const session = await this.sessions.start(user);
    return { response: await this.issueToken(user, session.id), refreshToken: session.token };
  }

  /**
   * A new access token for the browser session behind `refreshToken`, read fresh from the database, and the cookie's
   * next token (null: keep the cookie). An old token used again ends the session.
   */
  async renew(refreshToken: string | undefined): Promise<{ response: LoginResponse; refreshToken: string | null }> {
    if (!refreshToken) {
      throw new AppException(ErrorCode.AUTH_REQUIRED, 'Sign in first: there is no session to renew.');
    }
    const session = await this.sessions.renew(refreshToken);
    if (session && 'reused' in session) {
      this.tokens.forgetSession(session.reused);
      throw new AppException(
        ErrorCode.AUTH_SESSION_ENDED,
        'You were signed out for safety: an old copy of this sign-in was used again (another device, or a copied cookie). Sign in again; if that was not you, change your password.',
      );
    }
    if (!session) {
      throw new AppException(
        ErrorCode.AUTH_SESSION_ENDED,
        `Your session ended: it was not used for more than ${this.sessions.idleTimeoutText}, or you signed out in another tab. Sign in again.`,
      );
    }
    const user = await this.users.get(session.userId);
    if (!user.active) {
      throw new AppException(ErrorCode.AUTH_USER_INACTIVE, 'This account is no longer active. Ask a superuser to reactivate it.');
    }
    if (session.sessionVersion !== user.sessionVersion) {
      await this.sessions.end(session.token ?? refreshToken);
      throw new AppException(
        ErrorCode.AUTH_SESSION_REVOKED,
        'You were signed out because the password of this account was changed. Sign in with the new password.',
      );
    }
    return { response: await this.issueToken(user, session.id), refreshToken: session.token };
  }

  /** Changes the password and signs out every other session: this browser gets a new session and token. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string): Promise<SignedIn> {
    const changed = await this.users.changePassword(user, currentPassword, newPassword);
    if (!changed) {
      throw FieldValidationError.of('currentPassword', 'That is not your current password: nothing was changed.', ErrorCode.PASSWORD_INCORRECT);
    }
    const session = await this.sessions.start(changed);
    return { response: await this.issueToken(changed, session.id), refreshToken: session.token };
  }

  /** Ends the browser session, and with it the access tokens issued for it (at once here, within seconds elsewhere). */
  async logout(refreshToken: string | undefined): Promise<void> {
    const ended = refreshToken ? await this.sessions.end(refreshToken) : null;
    if (ended) this.tokens.forgetSession(ended);
  }

  /** Who the principal is, read fresh (the principal is reused for a few seconds). */
  profile(user: AuthUser): Promise<UserDto> {
    return this.users.profile(user.id);
  }

  /** For the cookie's Max-Age, which is in seconds. */
  get sessionMaxAgeSeconds(): number {
    return Math.floor(this.sessions.maxAgeMs / 1000);
  }

  private async issueToken(user: User, sessionId: string): Promise<LoginResponse> {
    const expiresIn = this.config.JWT_EXPIRES_IN_SECONDS;
    const payload: JwtPayload = { sub: user.id, role: user.role, ver: user.sessionVersion, sid: sessionId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn });
    return { accessToken, expiresIn, user: this.users.describe(user) };
  }
}
