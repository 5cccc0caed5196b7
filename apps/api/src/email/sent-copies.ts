import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ApiError, ErrorCode, type SentCopyStatus } from '@sendas/contracts';
import { AppException, loggableError } from '../common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';
import { imapAccount, type ImapFailure, mapImapError, SentFolder } from '../imap';
import { accessTokenFailureOf, MailboxSending } from '../mailboxes';

const MAX_RETRY_MS = 60 * 60_000;

/** One attempt's hold on a copy: the attempt number it claimed it with. */
interface Claim {
  emailId: string;
  attempt: number;
}
const DUE_BATCH = 20;
/** How overdue another instance's copy must be before this one takes it over (that instance has stopped). */
const TAKEOVER_AFTER_SECONDS = 120;
const SHUTDOWN_WAIT_MS = 5000;

const QUEUE_COPY = preparedStatement(
  'sent_copy_queue',
  `INSERT INTO sent_copies (email_message_id, raw, imap_account, queued_by)
   SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM email_messages WHERE id = $1 AND sent_copy_status = 'pending')
   ON CONFLICT DO NOTHING`,
);

const DUE_COPIES = preparedStatement(
  'sent_copies_due',
  `SELECT email_message_id AS id FROM sent_copies
   WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
     AND (queued_by = $1 OR queued_by IS NULL OR next_attempt_at < now() - make_interval(secs => $2))
   ORDER BY next_attempt_at LIMIT ${DUE_BATCH}`,
);

const CLAIM_COPY = preparedStatement(
  'sent_copy_claim',
  `UPDATE sent_copies c SET attempts = c.attempts + 1, claimed_until = now() + make_interval(secs => $2), queued_by = $3
   FROM email_messages m
   WHERE c.email_message_id = $1 AND m.id = c.email_message_id
     AND c.next_attempt_at <= now() AND (c.claimed_until IS NULL OR c.claimed_until < now())
   RETURNING c.raw, c.imap_account, c.attempts, m.sender_id, m.message_id, m.created_at`,
);

/** Gives the copy back for a later attempt, if this attempt (`$2`) still holds it. */
const RELEASE_COPY = preparedStatement(
  'sent_copy_release',
  `UPDATE sent_copies SET claimed_until = NULL, next_attempt_at = $3 WHERE email_message_id = $1 AND attempts = $2`,
);

const NOTE_COPY_ATTEMPT = preparedStatement('sent_copy_note_attempt', `UPDATE email_messages SET sent_copy_detail = $2, sent_copy_code = $3 WHERE id = $1`);

/** Drops the bytes, if this attempt (`$2`) still holds the copy. */
const DROP_COPY = preparedStatement('sent_copy_drop', `DELETE FROM sent_copies WHERE email_message_id = $1 AND attempts = $2`);

const NOTE_COPY_OUTCOME = preparedStatement(
  'sent_copy_note_outcome',
  `UPDATE email_messages SET sent_copy_status = $2, sent_copy_detail = $3, sent_copy_code = $4, sent_copy_at = now() WHERE id = $1`,
);

interface ClaimedCopy {
  raw: Buffer;
  imap_account: string;
  attempts: number;
  sender_id: string;
  message_id: string;
  created_at: Date;
}

/**
 * Saves the copy of a sent message to its sender's Sent folder over IMAP, after the send has answered: the exact
 * bytes that were sent, once per message. Each attempt first claims the row for a while (one UPDATE, so several
 * instances, or the embedded database's one session, never save it twice at once), and the Sent folder is
 * searched for the Message-ID before appending, so an attempt whose answer was lost is not repeated. Temporary
 * failures are retried with exponential backoff; what a stopped process left behind is picked up by the poll.
 */
@Injectable()
export class SentCopies implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SentCopies.name);
  private readonly saving = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  /** This instance, as the queuer of the copies it retries. */
  private readonly instanceId = randomUUID();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: PreparedStatements,
    private readonly mailboxes: MailboxSending,
    private readonly sentFolders: SentFolder,
    private readonly config: Env,
  ) {}

  /**
   * A timer of this instance, not a pg-boss schedule: pg-boss schedules are cron expressions, a minute at the finest,
   * and run once per cluster on whichever instance takes the job; copies are retried within seconds (30 s at first by
   * default), and each claim is one UPDATE. Each instance retries the copies it queued, and takes over another's only
   * once they are TAKEOVER_AFTER_SECONDS overdue, so the retries of a copy keep their instance's pace and settings.
   */
  onApplicationBootstrap(): void {
    const pollMs = Math.min(30_000, Math.max(250, this.config.SENT_COPY_FIRST_RETRY_MS));
    this.timer = setInterval(() => void this.saveDue(), pollMs);
    this.timer.unref();
  }

  /** A graceful stop waits a little for copies being saved; one cut short is retried after its claim runs out. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.saving.values()]), new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /**
   * Keeps the bytes of a message just sent, for `account` (see imapAccount), until its copy is saved. Only after
   * the send's outcome says the copy is pending, and only while it still says so: a repeated call (the outcome's
   * write was retried) neither adds a second row nor brings back a copy that was already finished.
   */
  async queue(emailId: string, raw: Buffer, account: string): Promise<void> {
    await this.statements.run(QUEUE_COPY, [emailId, raw, account, this.instanceId]);
  }

  /** Starts saving a queued copy in the background (if the outcome's write is still being retried, the poll finds it later). */
  start(emailId: string): void {
    void this.attempt(emailId);
  }

  /** Attempts every copy that is due and not being saved elsewhere; failures are logged, the next poll catches up. */
  async saveDue(): Promise<void> {
    try {
      const due = await this.statements.run<{ id: string }>(DUE_COPIES, [this.instanceId, TAKEOVER_AFTER_SECONDS]);
      for (const { id } of due) await this.attempt(id);
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'Looking for Sent copies to save failed');
    }
  }

  /** One attempt at a time per copy in this process; resolves when it is over, whatever happened. */
  private attempt(emailId: string): Promise<void> {
    const running = this.saving.get(emailId);
    if (running) return running;
    const attempt = this.claimAndSave(emailId)
      .catch((error: unknown) => this.logger.warn({ err: loggableError(error) }, `Sent copy of send ${emailId}: attempt broke off`))
      .finally(() => this.saving.delete(emailId));
    this.saving.set(emailId, attempt);
    return attempt;
  }

  private async claimAndSave(emailId: string): Promise<void> {
    const [copy] = await this.statements.run<ClaimedCopy>(CLAIM_COPY, [emailId, this.leaseSeconds(), this.instanceId]);
    if (!copy) return; // saved or being saved elsewhere, or not due yet

    const claim = { emailId, attempt: copy.attempts };
    let server = { host: 'the IMAP server', port: 0, username: '' };
    try {
      const imap = await this.mailboxes.forSentCopy(copy.sender_id);
      if (!imap) {
        return await this.finish(claim, 'not_needed', 'Saving to Sent was turned off for this mailbox before the copy was saved.', null);
      }
      if (imapAccount(imap) !== copy.imap_account) {
        return await this.finish(
          claim,
          'not_needed',
          `The mailbox was pointed at another IMAP account before the copy was saved (it was for ${copy.imap_account}).`,
          null,
        );
      }
      server = imap;
      const { folder, alreadyThere } = await this.sentFolders.save(imap, copy.raw, copy.message_id, copy.created_at);
      await this.finish(claim, 'saved', `Saved to "${folder}" on ${imap.host}.`, null);
      this.logger.log(`Sent copy of send ${emailId} saved to ${folder} on ${imap.host}${alreadyThere ? ' (it was already there)' : ''}`);
    } catch (error) {
      await this.failed(claim, this.failureOf(error, server));
    }
  }

  private failureOf(error: unknown, server: { host: string; port: number; username: string }): ImapFailure {
    if (error instanceof AppException) {
      // The mailbox's password or OAuth consent is unusable (as a send would find it); only a token endpoint that is away passes.
      const { code, message } = error.getResponse() as ApiError;
      return { code, message: message.replace(/ Nothing was sent\.$/, ''), temporary: code === ErrorCode.OAUTH_EXCHANGE_FAILED };
    }
    return accessTokenFailureOf(error) ?? mapImapError(error, server);
  }

  private async failed(claim: Claim, failure: ImapFailure): Promise<void> {
    const { emailId, attempt } = claim;
    const maxAttempts = this.config.SENT_COPY_MAX_ATTEMPTS;
    if (!failure.temporary || attempt >= maxAttempts) {
      const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
      this.logger.warn(`Sent copy of send ${emailId} failed${tries}: ${failure.code}`);
      return this.finish(claim, 'failed', `${failure.message}${tries}`, failure.code);
    }
    const delayMs = Math.min(MAX_RETRY_MS, this.config.SENT_COPY_FIRST_RETRY_MS * 2 ** (attempt - 1));
    const next = new Date(Date.now() + delayMs);
    this.logger.warn(`Sent copy of send ${emailId}: attempt ${attempt} failed (${failure.code}), next at ${next.toISOString()}`);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.statements.affected(RELEASE_COPY, [emailId, attempt, next], manager))) return; // the claim ran out and another attempt holds it now
      const detail = `Attempt ${attempt} failed: ${failure.message} Sendas tries again at ${next.toISOString()}.`;
      await this.statements.run(NOTE_COPY_ATTEMPT, [emailId, detail, failure.code], manager);
    });
  }

  /** The bytes go and the outcome goes on the send, in one transaction, if this attempt still holds the claim. */
  private async finish({ emailId, attempt }: Claim, status: SentCopyStatus, detail: string, code: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.statements.affected(DROP_COPY, [emailId, attempt], manager))) return;
      await this.statements.run(NOTE_COPY_OUTCOME, [emailId, status, detail, code], manager);
    });
  }

  /** Longer than an IMAP session may last, with room for finding the mailbox: until then no one else tries. */
  private leaseSeconds(): number {
    return Math.ceil(this.sentFolders.sessionLimitMs() / 1000) + 60;
  }
}
