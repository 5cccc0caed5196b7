import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { loggableError } from '../common';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 60_000;

/**
 * Writes what happened after an SMTP conversation (the audit row's outcome, the document's status) and keeps
 * retrying in the background when the database refuses, so a message the peer accepted is never reported as
 * a failure because of its bookkeeping. Each write must be idempotent. What is still pending when the process
 * stops is left to the stale-send sweep, which marks such rows `unknown` (the Message-ID is already stored).
 */
@Injectable()
export class SendBookkeeping implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SendBookkeeping.name);
  private readonly pending = new Map<NodeJS.Timeout, () => Promise<unknown>>();

  /** Runs `write` now; resolves whether or not it held (a failure is retried with backoff). */
  async record(what: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, `${what}: will retry`);
      this.retry(what, write, 1);
    }
  }

  private retry(what: string, write: () => Promise<unknown>, attempt: number): void {
    const timer = setTimeout(
      () => {
        this.pending.delete(timer);
        write().then(
          () => this.logger.log(`${what}: recorded after ${attempt} retr${attempt === 1 ? 'y' : 'ies'}`),
          (error: unknown) => {
            this.logger.warn({ err: loggableError(error) }, `${what}: retry ${attempt} failed`);
            this.retry(what, write, attempt + 1);
          },
        );
      },
      Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1)),
    );
    timer.unref();
    this.pending.set(timer, write);
  }

  /** One last attempt for each pending write before the process goes. */
  async beforeApplicationShutdown(): Promise<void> {
    const writes = [...this.pending.entries()];
    this.pending.clear();
    for (const [timer] of writes) clearTimeout(timer);
    await Promise.allSettled(writes.map(([, write]) => write()));
  }
}
