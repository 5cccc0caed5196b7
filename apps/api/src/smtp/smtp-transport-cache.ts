import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { SendMailOptions, SentMessageInfo, Transporter } from 'nodemailer';
import { SMTP_SETTINGS, type SmtpOptions, type SmtpSettings } from './smtp-settings';
import { SmtpTransportFactory } from './smtp-transport.factory';

interface PoolEntry {
  version: number;
  transport: Promise<Transporter>;
  /** Messages handed to this pool whose answer has not come yet. */
  inFlight: number;
  /** Out of the cache: closed once its last message is answered. */
  retired: boolean;
}

/**
 * One pooled transport per mailbox (a pool cannot switch AUTH per message), bounded in number and retired when
 * evicted: least recently used beyond the size bound, idle past the idle time, or superseded by a newer settings
 * version. A retired pool takes no new message and closes once the messages it holds are answered: closing it at
 * once would fail them with "Connection pool was closed", for no reason of the mail server's.
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
      dispose: (entry) => {
        entry.retired = true;
        if (!entry.inFlight) close(entry);
      },
    });
  }

  /** Sends through the pool for `key` at `version`, built from `settings()` when missing or outdated. */
  async send(key: string, version: number, settings: () => SmtpSettings, message: SendMailOptions): Promise<SentMessageInfo> {
    const entry = this.entry(key, version, settings);
    entry.inFlight++;
    try {
      return await (await entry.transport).sendMail(message);
    } finally {
      entry.inFlight--;
      if (entry.retired && !entry.inFlight) close(entry);
    }
  }

  private entry(key: string, version: number, settings: () => SmtpSettings): PoolEntry {
    const current = this.pools.get(key);
    if (current?.version === version) return current;
    const entry: PoolEntry = { version, transport: this.factory.createPool(settings()), inFlight: 0, retired: false };
    this.pools.set(key, entry);
    entry.transport.catch(() => this.pools.get(key) === entry && this.pools.delete(key));
    return entry;
  }

  /** Retires the pool (credential changed or removed): no new message goes through it. */
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

function close(entry: PoolEntry): void {
  void entry.transport.then(
    (transport) => transport.close(),
    () => undefined,
  );
}
