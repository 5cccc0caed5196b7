import type { ThrottlerStorage } from '@nestjs/throttler';
import { preparedStatement, type PreparedStatements } from './prepared-statements';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_EVERY_MS = 10 * 60_000;

const COUNT_HIT = preparedStatement(
  'throttle_count_hit',
  `INSERT INTO "throttle_counters" AS c ("key", "hits", "window_ends_at")
   VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
   ON CONFLICT ("key") DO UPDATE SET
     "hits" = CASE WHEN c."window_ends_at" <= clock_timestamp() THEN 1 ELSE c."hits" + 1 END,
     "window_ends_at" = CASE WHEN c."window_ends_at" <= clock_timestamp() THEN EXCLUDED."window_ends_at" ELSE c."window_ends_at" END
   RETURNING "hits", greatest(1, ceil(extract(epoch FROM "window_ends_at" - clock_timestamp())))::int AS "secondsLeft"`,
);

const SWEEP = preparedStatement('throttle_sweep', `DELETE FROM "throttle_counters" WHERE "window_ends_at" < clock_timestamp()`);

/**
 * Throttle counters in PostgreSQL, so every instance on one database counts the same attempts. Each key (a hash
 * of route, throttler and tracker: no email address or IP is stored) has a fixed window that starts with its
 * first hit; one upsert per request counts and reads it. Past the limit the key is refused until its window
 * ends, so a block never outlasts the window: an account someone hammers is open to its owner again after it.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private lastSweep = Date.now();

  constructor(private readonly statements: PreparedStatements) {}

  async increment(key: string, ttlMs: number, limit: number): Promise<ThrottlerStorageRecord> {
    this.sweepNowAndThen();
    const [counter] = await this.statements.run<{ hits: number; secondsLeft: number }>(COUNT_HIT, [key, ttlMs]);
    const isBlocked = counter.hits > limit;
    return { totalHits: counter.hits, timeToExpire: counter.secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? counter.secondsLeft : 0 };
  }

  /** Ended windows are deleted now and then by whichever instance counts; losing a sweep costs only space. */
  private sweepNowAndThen(): void {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    this.statements.run(SWEEP, []).catch(() => undefined);
  }
}
