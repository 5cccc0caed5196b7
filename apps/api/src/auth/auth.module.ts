import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SESSION_STRATEGY } from '../common';
import { Env } from '../config';
import { AuditModule } from '../audit';
import { UsersModule } from '../users';
import { AuthSession } from './auth-session.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BrowserSessions } from './browser-sessions.service';
import { jwtSecretFrom } from './jwt-secret';
import { PasswordReset } from './password-reset.entity';
import { PasswordResets } from './password-resets.service';
import { SessionTokenStrategy } from './session-token.strategy';
import { SessionTokens } from './session-tokens';

@Module({
  imports: [
    UsersModule,
    AuditModule,
    TypeOrmModule.forFeature([AuthSession, PasswordReset]),
    JwtModule.registerAsync({
      inject: [Env],
      useFactory: (config: Env) => ({
        secret: jwtSecretFrom({ JWT_SECRET: config.JWT_SECRET, DATA_DIR: config.DATA_DIR }),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    BrowserSessions,
    PasswordResets,
    SessionTokens,
    SessionTokenStrategy,
    { provide: SESSION_STRATEGY, useExisting: SessionTokenStrategy },
  ],
  // the global guard registers it with passport: people's access tokens
  exports: [SESSION_STRATEGY],
})
export class AuthModule {}
