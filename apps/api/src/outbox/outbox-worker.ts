import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type ApiError, ErrorCode, type OutboxStatus } from '@sendas/contracts';
import { API_KEY_AUTHENTICATOR, type ApiKeyAuthenticator, AppException, loggableError } from '../common';
import { Env } from '../config';
import { everyColumn, preparedStatement, PreparedStatements } from '../database';
import { EmailSender, type SendEmailDto } from '../email';
import { UsersService } from '../users';
import { JobQueue, LIVE_JOB_FOR } from './job-queue';
import { pathOf, ScheduledSend } from './scheduled-send.entity';
import { SendPace } from './send-pace';

/** The mail server said "not now": nothing was sent, so trying again later is safe. */
const TEMPORARY = new Set<string>([ErrorCode.SMTP_TEMPORARY_FAILURE, ErrorCode.SMTP_UNREACHABLE, ErrorCode.SMTP_TIMEOUT, ErrorCode.OAUTH_EXCHANGE_FAILED]);
const MAX_RETRY_SECONDS = 60 * 60;
const IN_PROGRESS_RECHECK_SECONDS = 30;

/** Up to 500 sends waiting or sending whose job is gone, touched so no other instance takes them in the meantime. */
const TAKE_ORPHANS = preparedStatement(
  'outbox_take_orphans',
  `UPDATE scheduled_sends s SET updated_at = now() WHERE s.id IN (
     SELECT o.id FROM scheduled_sends o
     WHERE o.status IN ('scheduled', 'sending') AND o.updated_at < now() - interval '1 minute'
       AND NOT ${LIVE_JOB_FOR('o.id::text')}
     LIMIT 500 FOR UPDATE SKIP LOCKED)
   RETURNING s.id, greatest(s.send_at, now()) AS at`,
);

const START_SEND = preparedStatement(
  'outbox_start_send',
  `UPDATE scheduled_sends SET status = 'sending', attempts = attempts + 1, updated_at = now()
   WHERE id = $1 AND status = 'scheduled' AND send_at <= now() + interval '1 second' RETURNING id`,
);

/**
 * Sends what the outbox holds when its job comes. Exactly once: a send starts by raising `attempts` (status
 * `sending`), and that number names its idempotency key, so a job that runs again after its worker died replays
 * the first outcome instead of sending twice (while the first is still `sending`, a new job looks again later, until
 * the stale-send sweep has turned it `unknown`). Temporary refusals and the daily limit move the send to a later
 * time under a new key; nothing else is retried. A send whose job is gone gets a new one (requeueOrphans). Every
 * send, retries too, first waits for its mailbox's slot (SendPace).
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(ScheduledSend) private readonly sends: Repository<ScheduledSend>,
    private readonly statements: PreparedStatements,
    private readonly sender: EmailSender,
    private readonly users: UsersService,
    private readonly queue: JobQueue,
    private readonly pace: SendPace,
    private readonly config: Env,
    @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS) return;
    const pollSeconds = this.config.OUTBOX_POLL_SECONDS;
    for (let n = 0; n < this.config.OUTBOX_CONCURRENCY; n++) {
      await this.queue.work(pollSeconds, ({ scheduledSendId }) => this.deliver(scheduledSendId));
    }
    // A timer, not a pg-boss schedule: those are cron, a minute at the finest, and this one looks for the jobs pg-boss
    // itself lost; the rows are taken FOR UPDATE SKIP LOCKED, so instances with workers never requeue one twice.
    this.timer = setInterval(() => void this.requeueOrphansOrWarn(), this.config.OUTBOX_MAINTENANCE_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * Gives a new job to every send still waiting or sending whose job is gone: its retries ran out on an error that
   * was not the mail server's (the database was down), or it was lost some other way. The new job takes it up as
   * any other (a send that had started replays its outcome under the same key), so no send is left behind and none
   * goes twice. Returns the sends requeued.
   */
  async requeueOrphans(): Promise<string[]> {
    return this.sends.manager.transaction(async (manager) => {
      const orphans = await this.statements.run<{ id: string; at: Date }>(TAKE_ORPHANS, [], manager);
      for (const orphan of orphans) await this.queue.send({ scheduledSendId: orphan.id }, orphan.at, manager);
      if (orphans.length) this.logger.warn(`Requeued ${orphans.length} scheduled send(s) whose job was gone: ${orphans.map((row) => row.id).join(', ')}`);
      return orphans.map((row) => row.id);
    });
  }

  private async requeueOrphansOrWarn(): Promise<void> {
    await this.requeueOrphans().catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'Requeueing orphaned scheduled sends failed'));
  }

  async deliver(id: string): Promise<void> {
    const slot = await this.pace.claim(id);
    if (slot) return this.waitForSlot(id, slot);
    const row = await this.start(id);
    if (!row) return;
    const owner = await this.users.findActive(row.actorId);
    if (!owner) return this.finish(row, 'failed', { code: ErrorCode.USER_NOT_FOUND, message: 'Whoever scheduled it was deactivated: nothing was sent.' });
    if (row.apiKeyId && !(await this.apiKeys.isValid(row.apiKeyId))) {
      return this.finish(row, 'failed', {
        code: ErrorCode.AUTH_INVALID_API_KEY,
        message: `The API key “${row.apiKeyName}” that scheduled it was revoked (or its owner's password changed): nothing was sent.`,
      });
    }
    // It goes out as whoever scheduled it did: with the API key they scheduled it with, if any.
    const actor = row.apiKeyId ? { ...owner, apiKey: { id: row.apiKeyId, name: row.apiKeyName ?? '' } } : owner;
    try {
      const result = await this.sender.send(row.documentType, row.documentId, row.request as SendEmailDto, actor, {
        idempotencyKey: `outbox:${row.id}:${row.attempts}`,
        frozenPdf: row.pdf,
        path: pathOf(row),
      });
      await this.finish(row, 'sent', null, result.emailId);
      this.logger.log(`Scheduled send ${row.id} of ${row.documentNumber} sent`);
    } catch (error) {
      if (!(error instanceof AppException)) throw error; // the job is retried
      await this.refused(row, error);
    }
  }

  /** Takes a due send (scheduled → sending, one more attempt), or one left `sending` by a worker that died. */
  private async start(id: string): Promise<ScheduledSend | null> {
    const [started] = await this.statements.run<{ id: string }>(START_SEND, [id]);
    const row = await this.sends.findOne({ where: { id }, select: everyColumn(this.sends) });
    if (!row) return null;
    return started || row.status === 'sending' ? row : null;
  }

  private async refused(row: ScheduledSend, error: AppException): Promise<void> {
    const { code, message, details } = error.getResponse() as ApiError & { details?: { emailId?: string; freesAt?: string; temporary?: boolean } };
    if (code === ErrorCode.SEND_IN_PROGRESS) {
      // A worker that died is still on record as sending: look again later with a fresh job (and a fresh retry budget),
      // until the stale-send sweep has settled that send; this job is done.
      await this.queue.send({ scheduledSendId: row.id }, new Date(Date.now() + IN_PROGRESS_RECHECK_SECONDS * 1000));
      return;
    }
    if (code === ErrorCode.SMTP_QUOTA_EXCEEDED && error.getStatus() === HttpStatus.TOO_MANY_REQUESTS && details?.freesAt) {
      return this.later(row, new Date(details.freesAt), { code, message: `${message.replace(/ Nothing was sent\.$/, '')} It waits until then.` });
    }
    const maxAttempts = this.config.OUTBOX_MAX_ATTEMPTS;
    // `temporary`: the provider answered 4xx, whatever about (a 452 "quota exceeded, try later" too).
    if ((TEMPORARY.has(code) || details?.temporary) && row.attempts < maxAttempts) {
      const delay = Math.min(MAX_RETRY_SECONDS, this.config.OUTBOX_FIRST_RETRY_SECONDS * 2 ** (row.attempts - 1));
      return this.later(row, new Date(Date.now() + delay * 1000), { code, message });
    }
    const status: OutboxStatus = code === ErrorCode.SEND_OUTCOME_UNKNOWN ? 'unknown' : 'failed';
    await this.finish(row, status, { code, message }, details?.emailId ?? null);
    this.logger.warn(`Scheduled send ${row.id} of ${row.documentNumber} ${status}: ${code}`);
  }

  /** Its mailbox is not free yet: the send moves to the mailbox's next slot, with no attempt spent. */
  private async waitForSlot(id: string, at: Date): Promise<void> {
    await this.sends.manager.transaction(async (manager) => {
      const { affected } = await manager.getRepository(ScheduledSend).update({ id, status: 'scheduled' }, { sendAt: at });
      if (affected) await this.queue.send({ scheduledSendId: id }, at, manager);
    });
  }

  /** Back to the queue for `at`, keeping why. */
  private async later(row: ScheduledSend, at: Date, why: { code: string; message: string }): Promise<void> {
    await this.sends.manager.transaction(async (manager) => {
      await manager
        .getRepository(ScheduledSend)
        .update({ id: row.id, status: 'sending' }, { status: 'scheduled', sendAt: at, errorCode: why.code, errorMessage: why.message });
      await this.queue.send({ scheduledSendId: row.id }, at, manager);
    });
    this.logger.warn(`Scheduled send ${row.id} of ${row.documentNumber}: ${why.code}, tries again at ${at.toISOString()}`);
  }

  private async finish(
    row: ScheduledSend,
    status: OutboxStatus,
    error: { code: string; message: string } | null,
    emailId: string | null = null,
  ): Promise<void> {
    await this.sends.update(
      { id: row.id, status: 'sending' },
      { status, emailMessageId: emailId, errorCode: error?.code ?? null, errorMessage: error?.message ?? null, pdf: null },
    );
  }
}
