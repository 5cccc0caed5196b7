import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import passport from 'passport';
import { ErrorCode } from '@sendas/contracts';
import type { FastifyRequest } from 'fastify';
import { API_KEY_STRATEGY } from '../api-key-authentication';
import { AppException } from '../app.exception';
import type { AuthUser } from '../auth-user';
import { SESSION_ONLY } from '../decorators/auth.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { SESSION_STRATEGY } from '../session-authentication';
import type { BearerTokenStrategy } from './bearer-token.strategy';

/** Tried in this order: most requests carry a session's access token. */
export const AUTH_STRATEGIES = [SESSION_STRATEGY, API_KEY_STRATEGY];
const AUTHENTICATE_OPTIONS = { session: false };

type Done = (error: unknown, user?: AuthUser | false | null, info?: unknown) => void;

/**
 * Global: every route needs a valid bearer token unless marked @Public(), authenticated by passport through
 * @nestjs/passport's AuthGuard with two strategies: a session's access token (`session-token`, the auth module's
 * SessionTokens: the signature verified once per token) or an API key (`api-key`, the api-keys module: checked
 * against the database on every request, so a revoked key stops at once on every instance). Passport runs per
 * route with `session: false`; it is never Express middleware (this is Fastify).
 *
 * The strategies are registered with this app's own `Passport` instance rather than passport's process-wide one,
 * which is AuthGuard's default: tests run several apps in one process, and the last app's strategies (its
 * database, its caches) would otherwise answer for all of them. So canActivate runs that instance's `authenticate`
 * as AuthGuard's does, and handleRequest turns passport's outcome into the app's errors.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard(AUTH_STRATEGIES) {
  readonly passport = new passport.Passport();

  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_STRATEGY) sessionTokens: BearerTokenStrategy,
    @Inject(API_KEY_STRATEGY) apiKeys: BearerTokenStrategy,
  ) {
    super();
    this.passport.use(SESSION_STRATEGY, sessionTokens);
    this.passport.use(API_KEY_STRATEGY, apiKeys);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthUser }>();
    request.user = await new Promise<AuthUser>((resolve, reject) => {
      const done: Done = (error, user, info) => {
        try {
          resolve(this.handleRequest(error, user, info, context));
        } catch (thrown) {
          reject(thrown as Error);
        }
      };
      // `next` is called only if a strategy passes without deciding, which ours never do.
      this.passport.authenticate(AUTH_STRATEGIES, AUTHENTICATE_OPTIONS, done)(request, http.getResponse(), (error?: Error) =>
        reject(error ?? new Error('A passport strategy passed without authenticating')),
      );
    });
    return true;
  }

  /**
   * Passport's outcome as the app's answer: a strategy's error (a 500) as is; all strategies failed: the challenge
   * of the one that took the token (AUTH_TOKEN_INVALID, AUTH_USER_INACTIVE, AUTH_SESSION_REVOKED,
   * AUTH_INVALID_API_KEY), or AUTH_REQUIRED when none did; an API key on a @SessionOnly() route: API_KEY_NOT_ALLOWED.
   */
  override handleRequest<TUser = AuthUser>(error: unknown, user: TUser | false | null | undefined, info: unknown, context: ExecutionContext): TUser {
    if (error) throw error;
    if (!user) {
      const challenge = (Array.isArray(info) ? info : [info]).find((each) => each instanceof AppException) as AppException | undefined;
      throw challenge ?? new AppException(ErrorCode.AUTH_REQUIRED, 'Sign in first: this needs a bearer token or an API key.');
    }
    if ((user as unknown as AuthUser).apiKey && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, [context.getHandler(), context.getClass()])) {
      throw new AppException(
        ErrorCode.API_KEY_NOT_ALLOWED,
        'API keys cannot manage API keys, mailboxes or users: sign in as a person in the web app to do that.',
      );
    }
    return user;
  }
}
