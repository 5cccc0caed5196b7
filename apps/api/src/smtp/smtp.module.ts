import { Module } from '@nestjs/common';
import { Env } from '../config';
import { SMTP_SETTINGS, type SmtpOptions } from './smtp-settings';
import { SmtpTransportCache } from './smtp-transport-cache';
import { SmtpTransportFactory } from './smtp-transport.factory';
import { SmtpVerifier } from './smtp-verifier';

/** SMTP infrastructure with no domain knowledge: transports, verification, error mapping. */
@Module({
  providers: [
    {
      provide: SMTP_SETTINGS,
      inject: [Env],
      useFactory: (config: Env): SmtpOptions => ({
        allowPrivateHosts: config.ALLOW_PRIVATE_SMTP_HOSTS,
        poolCacheSize: config.SMTP_POOL_CACHE_SIZE,
        poolIdleMs: config.SMTP_POOL_IDLE_SECONDS * 1000,
        timeouts: {
          connectionMs: config.SMTP_CONNECTION_TIMEOUT_MS,
          greetingMs: config.SMTP_GREETING_TIMEOUT_MS,
          socketMs: config.SMTP_SOCKET_TIMEOUT_MS,
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
