import { type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ErrorCode } from '@sendas/contracts';
import { AppException } from '../app.exception';
import { IS_PUBLIC } from '../decorators/public.decorator';

/** Global: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic || super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown): TUser {
    if (error) throw error;
    if (!user) {
      const noToken = info instanceof Error && info.message === 'No auth token';
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        noToken ? ErrorCode.AUTH_REQUIRED : ErrorCode.AUTH_TOKEN_INVALID,
        noToken ? 'Sign in first: this needs a bearer token.' : 'Your session has expired or is invalid. Sign in again.',
      );
    }
    return user;
  }
}
