import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_KEY_PREFIX, ErrorCode } from '@sendas/contracts';
import { API_KEY_AUTHENTICATOR, type ApiKeyAuthenticator, type RequestWithApiKey } from '../api-key-authentication';
import { AppException } from '../app.exception';
import { SESSION_ONLY } from '../decorators/auth.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { SESSION_AUTHENTICATOR, type SessionAuthenticator } from '../session-authentication';

const BEARER = /^bearer +(\S+)$/i;

/**
 * Global: every route needs a valid bearer token unless marked @Public(): a session's JWT (SESSION_AUTHENTICATOR),
 * or an API key (`sk_...`), checked against the database on every request so a revoked key stops at once on every
 * instance.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_AUTHENTICATOR) private readonly sessions: SessionAuthenticator,
    @Optional() @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys?: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<RequestWithApiKey>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new AppException(HttpStatus.UNAUTHORIZED, ErrorCode.AUTH_REQUIRED, 'Sign in first: this needs a bearer token or an API key.');
    if (token.startsWith(API_KEY_PREFIX) && this.apiKeys) {
      const authenticated = await this.apiKeys.authenticate(token);
      if (!authenticated) {
        throw new AppException(
          HttpStatus.UNAUTHORIZED,
          ErrorCode.AUTH_INVALID_API_KEY,
          'This API key is not valid: it was revoked, mistyped, or its owner was deactivated. Create a new one under Settings > API keys.',
        );
      }
      if (this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, [context.getHandler(), context.getClass()])) {
        throw new AppException(
          HttpStatus.FORBIDDEN,
          ErrorCode.API_KEY_NOT_ALLOWED,
          'API keys cannot manage API keys, mailboxes or users: sign in as a person in the web app to do that.',
        );
      }
      request.user = authenticated.user;
      request.apiKey = authenticated.apiKey;
      return true;
    }
    request.user = await this.sessions.authenticate(token);
    return true;
  }
}
