import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { loggableError } from '../common/filters/loggable-error';
import type { Env } from '../config/env.validation';
import { DATABASE_INFO, type DatabaseInfo } from '../database/database-info';

export const OUTBOX_QUEUE = 'outbox-send';

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
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private started?: Promise<PgBoss>;
  private readonly expireInSeconds: number;

  constructor(@Inject(DATABASE_INFO) database: DatabaseInfo, config: ConfigService<Env, true>) {
    // Only instances with workers look after expired jobs and the archive.
    const supervise = config.get('WORKERS', { infer: true });
    this.expireInSeconds = config.get('OUTBOX_JOB_EXPIRE_SECONDS', { infer: true });
    this.boss = new PgBoss({
      connectionString: database.url,
      max: 2,
      application_name: 'sendas-jobs',
      migrate: false,
      schedule: false,
      supervise,
      maintenanceIntervalSeconds: config.get('OUTBOX_MAINTENANCE_SECONDS', { infer: true }),
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
    let workerId = '';
    workerId = await this.boss.work<OutboxJob>(OUTBOX_QUEUE, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
      try {
        await handle(job.data);
      } finally {
        this.boss.notifyWorker(workerId); // skips pg-boss's wait before the next fetch
      }
    });
  }

  /** Stops taking jobs; one in progress may finish for a while, else it is failed and retried elsewhere. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, timeout: 15_000, wait: true, close: true });
  }
}
