import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { API_KEY_AUTHENTICATOR } from '../common/api-key-authentication';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeys } from './api-keys.service';

/**
 * API keys for machine clients. Global: the guard, and the outbox (whose sends a revoked key stops), reach them
 * through API_KEY_AUTHENTICATOR without importing this module.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey]), AuditModule],
  controllers: [ApiKeysController],
  providers: [ApiKeys, { provide: API_KEY_AUTHENTICATOR, useExisting: ApiKeys }],
  exports: [API_KEY_AUTHENTICATOR],
})
export class ApiKeysModule {}
