import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Env } from '../config/env.validation';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';

const loginEmail = (req: Record<string, any>) =>
  String((req as Request).body?.email ?? '')
    .trim()
    .toLowerCase();

@Module({
  imports: [
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => {
        const ttl = config.get('LOGIN_THROTTLE_TTL_SECONDS', { infer: true }) * 1000;
        return [
          { name: 'login-ip', ttl, limit: config.get('LOGIN_THROTTLE_IP_LIMIT', { infer: true }) },
          {
            name: 'login-account',
            ttl,
            limit: config.get('LOGIN_THROTTLE_ACCOUNT_LIMIT', { infer: true }),
            getTracker: loginEmail,
          },
        ];
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy],
})
export class AuthModule {}
