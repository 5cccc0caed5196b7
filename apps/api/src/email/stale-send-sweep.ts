import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ErrorCode } from '@sendas/contracts';
import { loggableError } from '../common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';

export const UNKNOWN_OUTCOME_MESSAGE =
  'The send was interrupted (the server stopped or lost its connection) while talking to the mail server, so the message may have been delivered: check the Sent folder before sending again.';

const MARK_STALE_UNKNOWN = preparedStatement(
  'send_mark_stale_unknown',
  `UPDATE email_messages SET status = 'unknown', error_code = $1, error_message = $2, completed_at = now()
   WHERE status = 'sending' AND created_at < now() - make_interval(secs => $3) RETURNING id`,
);

/**
 * Turns audit rows left in `sending` past the longest possible conversation (the process died mid-send, or
 * the database was down when the outcome was written) into `unknown`. One UPDATE, so any number of instances may
 * sweep at once (on the embedded database, one session, too). Runs at start and then periodically. (A draft
 * document moves to sent in the same statement as its message's outcome: migration SendPathTriggers.)
 */
@Injectable()
export class StaleSendSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StaleSendSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly statements: PreparedStatements,
    private readonly config: Env,
  ) {}

  /**
   * Once at start (what a stopped instance left `sending` is settled before this one sends), then on a timer rather than
   * a pg-boss schedule: pg-boss schedules are cron expressions, a minute at the finest, and run once per cluster on whichever instance takes the job, while the sweep runs every SEND_SWEEP_INTERVAL_SECONDS (a second in the fault tests);
   * it is one conditional UPDATE, so instances sweeping together change each row once.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.sweepOrWarn();
    this.timer = setInterval(() => void this.sweepOrWarn(), this.config.SEND_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  /** A failed sweep (the database is down) is only logged: the next one catches up. */
  private async sweepOrWarn(): Promise<void> {
    await this.sweep().catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, 'Stale-send sweep failed'));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The number of rows turned `unknown`. */
  async sweep(): Promise<number> {
    const staleAfter = this.config.SEND_STALE_AFTER_SECONDS;
    const stale = await this.statements.run<{ id: string }>(MARK_STALE_UNKNOWN, [ErrorCode.SEND_OUTCOME_UNKNOWN, UNKNOWN_OUTCOME_MESSAGE, staleAfter]);
    if (stale.length) this.logger.warn(`Marked ${stale.length} interrupted send(s) as unknown: ${stale.map((row) => row.id).join(', ')}`);
    return stale.length;
  }
}
