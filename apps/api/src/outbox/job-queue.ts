import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { loggableError } from '../common';
import { Env } from '../config';
import { DATABASE_INFO, type DatabaseInfo, guardPool } from '../database';

export const OUTBOX_QUEUE = 'outbox-send';

/** How long a stop waits for the jobs in hand before failing them for another instance to take. */
const STOP_GRACE_MS = 15_000;

export interface OutboxJob {
  scheduledSendId: string;
}

/**
 * SQL: a job of the outbox queue for the scheduled send whose id is `scheduledSendId` (an SQL expression) is still
 * waiting, retrying or running, in pg-boss's own table.
 */
export const LIVE_JOB_FOR = (scheduledSendId: string) =>
  `EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = '${OUTBOX_QUEUE}' AND j.state < 'completed' AND j.data ->> 'scheduledSendId' = ${scheduledSendId})`;

/**
 * The job queue: pg-boss 10 on the app's PostgreSQL (its schema comes with the migrations). Polling only, so it
 * works on the embedded database too, where LISTEN/NOTIFY and advisory locks do not cross connections; jobs are
 * taken with `FOR UPDATE SKIP LOCKED`, so several instances never run one job at once. Started with the app, never
 * inside a transaction: pg-boss starts on its own connections, and the embedded database serialises transactions,
 * so a start inside one would wait for it forever.
 *
 * pg-boss runs on a pool of ours (guarded: a connection the server drops never ends the process), and the workers
 * are loops of ours around `fetch`, `complete` and `fail`: pg-boss 10's own `work()` leaves its `complete()` and
 * `fail()` promises unawaited, so a database that drops a session mid-job reached the process as an unhandled
 * rejection. Here each is awaited; one that fails leaves the job to expire and be taken again, which the outbox's
 * claim makes safe.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly pool: Pool;
  private readonly boss: PgBoss;
  private started?: Promise<PgBoss>;
  private readonly expireInSeconds: number;
  private readonly stopping = new AbortController();
  private readonly workers: Array<Promise<void>> = [];
  /** Jobs a worker of this process holds, failed at a stop that they outlast so that another instance takes them. */
  private readonly inHand = new Set<string>();

  constructor(@Inject(DATABASE_INFO) database: DatabaseInfo, config: Env) {
    // Only instances with workers look after expired jobs and the archive.
    const supervise = config.WORKERS;
    this.expireInSeconds = config.OUTBOX_JOB_EXPIRE_SECONDS;
    this.pool = new Pool({ connectionString: database.url, max: 2, application_name: 'sendas-jobs' });
    guardPool(this.pool, (error) => this.logger.warn(`A job queue connection ended: ${error.message}`));
    const pool = this.pool;
    this.boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) },
      migrate: false,
      schedule: false,
      supervise,
      maintenanceIntervalSeconds: config.OUTBOX_MAINTENANCE_SECONDS,
    });
    this.boss.on('error', (error) => this.logger.warn({ err: loggableError(error) }, 'Job queue'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  private ready(): Promise<PgBoss> {
    return (this.started ??= this.boss.start());
  }

  /** Queues a job for `startAfter`; with `manager`, inside that transaction (the job exists only if it commits). */
  async send(job: OutboxJob, startAfter: Date, manager?: EntityManager): Promise<string> {
    await this.ready();
    // pg-boss runs its INSERT through this; TypeORM answers an INSERT with its rows.
    const db = manager ? { executeSql: async (text: string, values: unknown[]) => ({ rows: (await manager.query(text, values)) as unknown[] }) } : undefined;
    const id = await this.boss.send(OUTBOX_QUEUE, job, { startAfter, expireInSeconds: this.expireInSeconds, ...(db ? { db } : {}) });
    if (!id) throw new Error('The job queue did not accept the job');
    return id;
  }

  /**
   * A worker: takes jobs one at a time (call it again for another). While there are jobs it takes the next at once;
   * when the queue is empty it looks again every `pollingIntervalSeconds`.
   */
  async work(pollingIntervalSeconds: number, handle: (job: OutboxJob) => Promise<void>): Promise<void> {
    await this.ready();
    this.workers.push(this.workLoop(pollingIntervalSeconds, handle));
  }

  private async workLoop(pollingIntervalSeconds: number, handle: (job: OutboxJob) => Promise<void>): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      const job = await this.next();
      if (!job) {
        await sleep(pollingIntervalSeconds * 1000, undefined, { signal }).catch(() => undefined);
        continue;
      }
      this.inHand.add(job.id);
      try {
        await handle(job.data);
        await this.settle('complete', job.id);
      } catch (error) {
        await this.settle('fail', job.id, { message: error instanceof Error ? error.message : String(error) });
      } finally {
        this.inHand.delete(job.id);
      }
    }
  }

  /** The next due job, or none (also when the database cannot be reached: the loop looks again later). */
  private async next(): Promise<PgBoss.Job<OutboxJob> | undefined> {
    try {
      const [job] = (await this.boss.fetch<OutboxJob>(OUTBOX_QUEUE, { batchSize: 1 })) ?? [];
      return job;
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'Fetching the next job failed');
      return undefined;
    }
  }

  /** Ends a job; when that fails, the job expires and is taken again (the outbox's claim makes that safe). */
  private async settle(outcome: 'complete' | 'fail', jobId: string, data?: object): Promise<void> {
    try {
      await (outcome === 'complete' ? this.boss.complete(OUTBOX_QUEUE, jobId) : this.boss.fail(OUTBOX_QUEUE, jobId, data));
    } catch (error) {
      this.logger.warn(
        { err: loggableError(error) },
        `Marking job ${jobId} ${outcome === 'complete' ? 'completed' : 'failed'} failed: it is taken again when it expires`,
      );
    }
  }

  /** Stops taking jobs; one in progress may finish for a while, else it is failed and retried elsewhere. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (!this.started) return void (await this.pool.end());
    await this.started.catch(() => undefined);
    await Promise.race([Promise.allSettled(this.workers), sleep(STOP_GRACE_MS)]);
    for (const jobId of this.inHand) await this.settle('fail', jobId, { message: 'The instance stopped while sending' });
    await this.boss.stop({ graceful: false, wait: true, close: false });
    await this.pool.end();
  }
}
