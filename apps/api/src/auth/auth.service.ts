import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@sendas/contracts';
import { AppException } from '../common/app.exception';
import type { Env } from '../config/env.validation';
import type { UserResponse } from '../users/dto/user.dto';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { LoginResponseDto } from './dto/login.dto';

export interface JwtPayload {
  sub: string;
  role: string;
  /** The user's session version when the token was issued (absent in tokens issued before it existed). */
  ver?: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Same answer for an unknown email and a wrong password, so accounts cannot be probed. */
  async login(email: string, password: string): Promise<LoginResponseDto> {
    const user = await this.users.authenticate(email, password);
    if (!user) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AUTH_INVALID_CREDENTIALS,
        'Email or password is wrong. Check both and try again.',
      );
    }
    if (!user.active) {
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.AUTH_USER_INACTIVE,
        'This account has been deactivated. Ask a superuser to reactivate it.',
      );
    }
    return this.issueToken(user);
  }

  describe(user: User): Promise<UserResponse> {
    return this.users.describe(user);
  }

  async issueToken(user: User): Promise<LoginResponseDto> {
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    const payload: JwtPayload = { sub: user.id, role: user.role, ver: user.sessionVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn });
    return { accessToken, expiresIn, user: await this.users.describe(user) };
  }
}
