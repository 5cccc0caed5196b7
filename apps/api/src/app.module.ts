import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Writable } from 'node:stream';
import { AuthModule } from './auth';
import { AllExceptionsFilter, createHttpLogging, HTTP_LOGGING, AuthenticationGuard, RolesGuard, throttlersOf } from './common';
import { CryptoModule } from './crypto';
import { ConfigurationModule, type Env } from './config';
import { type DatabaseInfo, DatabaseModule, DatabaseThrottlerStorage, PreparedStatements } from './database';
import { DemoModule } from './demo';
import { DocumentsModule } from './documents';
import { EmailModule } from './email';
import { MailboxesModule } from './mailboxes';
import { ApiKeysModule } from './api-keys';
import { HealthModule } from './health';
import { OrganisationModule } from './organisation';
import { OutboxModule } from './outbox';
import { UsersModule } from './users';

@Module({})
export class AppModule {
  /** `env`: the configuration, validated by the caller; `logStream` receives the JSON log lines instead of stdout (tests read them). */
  static forRoot(env: Env, database: DatabaseInfo, options: { logStream?: Writable } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigurationModule.forRoot(env),
        DatabaseModule.forRoot(database),
        // counted in the database, so several instances share one count (see DatabaseThrottlerStorage)
        ThrottlerModule.forRootAsync({
          inject: [PreparedStatements],
          useFactory: (statements: PreparedStatements) => ({ throttlers: throttlersOf(env), storage: new DatabaseThrottlerStorage(statements) }),
        }),
        CryptoModule,
        OrganisationModule,
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
        { provide: HTTP_LOGGING, useValue: createHttpLogging(env.LOG_LEVEL, options.logStream, env.NODE_ENV === 'development' ? 'pretty' : 'json') },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
