import { type ExecutionContext, HttpStatus, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { API_KEY_PREFIX, ErrorCode } from '@sendas/contracts';
import { API_KEY_AUTHENTICATOR, type ApiKeyAuthenticator, type RequestWithApiKey } from '../api-key-authentication';
import { AppException } from '../app.exception';
import { SESSION_ONLY } from '../decorators/auth.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';

const API_KEY_BEARER = new RegExp(`^Bearer (${API_KEY_PREFIX}\\S*)$`);

/**
 * Global: every route needs a valid bearer token unless marked @Public(): a session's JWT, or an API key
 * (`sk_...`), checked against the database on every request so a revoked key stops at once on every instance.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys?: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<RequestWithApiKey>();
    const apiKey = API_KEY_BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (apiKey && this.apiKeys) {
      const authenticated = await this.apiKeys.authenticate(apiKey);
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
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown): TUser {
    if (error) throw error;
    if (!user) {
      const noToken = info instanceof Error && info.message === 'No auth token';
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        noToken ? ErrorCode.AUTH_REQUIRED : ErrorCode.AUTH_TOKEN_INVALID,
        noToken ? 'Sign in first: this needs a bearer token or an API key.' : 'Your session has expired or is invalid. Sign in again.',
      );
    }
    return user;
  }
}
