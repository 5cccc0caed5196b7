import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Transporter } from 'nodemailer';
import { SMTP_SETTINGS, type SmtpOptions, type SmtpSettings } from './smtp-settings';
import { SmtpTransportFactory } from './smtp-transport.factory';

interface PoolEntry {
  version: number;
  transport: Promise<Transporter>;
}

/**
 * One pooled transport per mailbox (a pool cannot switch AUTH per message), bounded in number and closed
 * when evicted: least recently used beyond the size bound, idle past the idle time, or superseded by a
 * newer credential version.
 */
@Injectable()
export class SmtpTransportCache implements OnModuleDestroy {
  private readonly pools: LRUCache<string, PoolEntry>;

  constructor(
    @Inject(SMTP_SETTINGS) options: SmtpOptions,
    private readonly factory: SmtpTransportFactory,
  ) {
    this.pools = new LRUCache<string, PoolEntry>({
      max: options.poolCacheSize,
      ttl: options.poolIdleMs,
      updateAgeOnGet: true,
      ttlAutopurge: true,
      dispose: (entry) => void entry.transport.then((transport) => transport.close(), () => undefined),
    });
  }

  /** The pool for `key` at `version`, built from `settings()` when missing or outdated. */
  get(key: string, version: number, settings: () => SmtpSettings): Promise<Transporter> {
    const current = this.pools.get(key);
    if (current?.version === version) return current.transport;
    const transport = this.factory.createPool(settings());
    this.pools.set(key, { version, transport });
    transport.catch(() => this.pools.get(key)?.transport === transport && this.pools.delete(key));
    return transport;
  }

  /** Closes the pool at once (credential changed or removed). */
  evict(key: string): void {
    this.pools.delete(key);
  }

  get size(): number {
    return this.pools.size;
  }

  onModuleDestroy(): void {
    this.pools.clear();
  }
}
