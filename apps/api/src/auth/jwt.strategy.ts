import { createSecretKey } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ErrorCode } from '@sendas/contracts';
import { AppException } from '../common/app.exception';
import type { Env } from '../config/env.validation';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { JwtPayload } from './auth.service';
import { jwtSecretFrom } from './jwt-secret';

/**
 * Loads the user on every request, so deactivation and role changes take effect at once, and refuses tokens
 * issued before the user's password last changed.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<Env, true>,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse it as a public key on
      // every request, which was most of the CPU time of an authenticated request.
      secretOrKey: createSecretKey(
        Buffer.from(jwtSecretFrom({ JWT_SECRET: config.get('JWT_SECRET', { infer: true }), DATA_DIR: config.get('DATA_DIR', { infer: true }) })),
      ) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: JwtPayload): Promise<User> {
    const user = await this.users.findActive(payload.sub);
    if (!user) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AUTH_USER_INACTIVE,
        'This account is no longer active. Ask a superuser to reactivate it.',
      );
    }
    if ((payload.ver ?? 0) !== user.sessionVersion) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AUTH_SESSION_REVOKED,
        'You were signed out because the password of this account was changed. Sign in with the new password.',
      );
    }
    return user;
  }
}
