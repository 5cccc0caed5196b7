import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Writable } from 'node:stream';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { createHttpLogging, HTTP_LOGGING } from './common/logging';
import { throttlerModule } from './common/throttling';
import { CryptoModule } from './crypto/crypto.module';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { validateEnv } from './config/env.validation';
import type { DatabaseInfo } from './database/database-info';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DocumentsModule } from './documents/documents.module';
import { EmailModule } from './email/email.module';
import { MailboxesModule } from './mailboxes/mailboxes.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { HealthModule } from './health/health.module';
import { OutboxModule } from './outbox/outbox.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** `logStream` receives the JSON log lines instead of stdout (tests read them). */
  static forRoot(database: DatabaseInfo, options: { logStream?: Writable } = {}): DynamicModule {
    const env = validateEnv(process.env);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnv }),
        DatabaseModule.forRoot(database),
        throttlerModule,
        CryptoModule,
        UsersModule,
        MailboxesModule,
        AuthModule,
        ApiKeysModule,
        DocumentsModule,
        EmailModule,
        OutboxModule,
        HealthModule,
        ...(env.SEED_DEMO ? [DemoModule] : []),
      ],
      providers: [
        { provide: HTTP_LOGGING, useValue: createHttpLogging(env.LOG_LEVEL, options.logStream) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
