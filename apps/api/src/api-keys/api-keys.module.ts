import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { API_KEY_AUTHENTICATOR, API_KEY_STRATEGY } from '../common';
import { ApiKey } from './api-key.entity';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeys } from './api-keys.service';

/**
 * API keys for machine clients. Global: the guard registers API_KEY_STRATEGY with passport, and the outbox (whose
 * sends a revoked key stops) asks API_KEY_AUTHENTICATOR, without importing this module.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), AuditModule],
  controllers: [ApiKeysController],
  providers: [ApiKeys, ApiKeyStrategy, { provide: API_KEY_AUTHENTICATOR, useExisting: ApiKeys }, { provide: API_KEY_STRATEGY, useExisting: ApiKeyStrategy }],
  exports: [API_KEY_AUTHENTICATOR, API_KEY_STRATEGY],
})
export class ApiKeysModule {}
