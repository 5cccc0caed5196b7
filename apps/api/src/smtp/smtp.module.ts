import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config';
import { SMTP_SETTINGS, type SmtpOptions } from './smtp-settings';
import { SmtpTransportCache } from './smtp-transport-cache';
import { SmtpTransportFactory } from './smtp-transport.factory';
import { SmtpVerifier } from './smtp-verifier';

/** SMTP infrastructure with no domain knowledge: transports, verification, error mapping. */
@Module({
  providers: [
    {
      provide: SMTP_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>): SmtpOptions => ({
        allowPrivateHosts: config.get('ALLOW_PRIVATE_SMTP_HOSTS', { infer: true }),
        poolCacheSize: config.get('SMTP_POOL_CACHE_SIZE', { infer: true }),
        poolIdleMs: config.get('SMTP_POOL_IDLE_SECONDS', { infer: true }) * 1000,
        timeouts: {
          connectionMs: config.get('SMTP_CONNECTION_TIMEOUT_MS', { infer: true }),
          greetingMs: config.get('SMTP_GREETING_TIMEOUT_MS', { infer: true }),
          socketMs: config.get('SMTP_SOCKET_TIMEOUT_MS', { infer: true }),
        },
      }),
    },
    SmtpTransportFactory,
    SmtpTransportCache,
    SmtpVerifier,
  ],
  exports: [SMTP_SETTINGS, SmtpTransportFactory, SmtpTransportCache, SmtpVerifier],
})
export class SmtpModule {}
