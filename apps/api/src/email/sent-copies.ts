import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ApiError, ErrorCode, type SentCopyStatus } from '@sendas/contracts';
import { AppException } from '../common/app.exception';
import { loggableError } from '../common/filters/loggable-error';
import type { Env } from '../config/env.validation';
import { smtpConversationBoundMs } from '../config/send-timing';
import { type ImapFailure, mapImapError } from '../imap/imap-errors';
import { SentFolder } from '../imap/sent-folder';
import { MailboxSending } from '../mailboxes/mailbox-sending.service';

const MAX_RETRY_MS = 60 * 60_000;
const DUE_BATCH = 20;

interface ClaimedCopy {
  raw: Buffer;
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
export class SentCopies implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SentCopies.name);
  private readonly saving = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailboxes: MailboxSending,
    private readonly sentFolders: SentFolder,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    const pollMs = Math.min(30_000, Math.max(250, this.config.get('SENT_COPY_FIRST_RETRY_MS', { infer: true })));
    this.timer = setInterval(() => void this.saveDue(), pollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Keeps the bytes of a message just sent until its copy is saved (a second call for the same send changes nothing). */
  async queue(emailId: string, raw: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO sent_copies (email_message_id, raw) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [emailId, raw]);
  }

  /** Starts saving a queued copy in the background. */
  start(emailId: string): void {
    void this.attempt(emailId);
  }

  /** Attempts every copy that is due and not being saved elsewhere; failures are logged, the next poll catches up. */
  async saveDue(): Promise<void> {
    try {
      const due = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT email_message_id AS id FROM sent_copies
         WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY next_attempt_at LIMIT ${DUE_BATCH}`,
      );
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
    const [[copy]] = await this.dataSource.query<[ClaimedCopy[], number]>(
      `UPDATE sent_copies c SET attempts = c.attempts + 1, claimed_until = now() + make_interval(secs => $2)
       FROM email_messages m
       WHERE c.email_message_id = $1 AND m.id = c.email_message_id
         AND c.next_attempt_at <= now() AND (c.claimed_until IS NULL OR c.claimed_until < now())
       RETURNING c.raw, c.attempts, m.sender_id, m.message_id, m.created_at`,
      [emailId, this.leaseSeconds()],
    );
    if (!copy) return; // saved or being saved elsewhere, or not due yet

    let server = { host: 'the IMAP server', port: 0, username: '' };
    try {
      const imap = await this.mailboxes.forSentCopy(copy.sender_id);
      if (!imap) {
        return await this.finish(emailId, 'not_needed', 'Saving to Sent was turned off for this mailbox before the copy was saved.', null);
      }
      server = imap;
      const { folder, alreadyThere } = await this.sentFolders.save(imap, copy.raw, copy.message_id, copy.created_at);
      await this.finish(emailId, 'saved', `Saved to "${folder}" on ${imap.host}.`, null);
      this.logger.log(`Sent copy of send ${emailId} saved to ${folder} on ${imap.host}${alreadyThere ? ' (it was already there)' : ''}`);
    } catch (error) {
      await this.failed(emailId, copy.attempts, this.failureOf(error, server));
    }
  }

  private failureOf(error: unknown, server: { host: string; port: number; username: string }): ImapFailure {
    if (error instanceof AppException) {
      // The mailbox's password or OAuth consent is unusable (as a send would find it); only a token endpoint that is away passes.
      const { code, message } = error.getResponse() as ApiError;
      return { code, message: message.replace(/ Nothing was sent\.$/, ''), temporary: code === ErrorCode.OAUTH_EXCHANGE_FAILED };
    }
    return mapImapError(error, server);
  }

  private async failed(emailId: string, attempts: number, failure: ImapFailure): Promise<void> {
    const maxAttempts = this.config.get('SENT_COPY_MAX_ATTEMPTS', { infer: true });
    if (!failure.temporary || attempts >= maxAttempts) {
      const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
      this.logger.warn(`Sent copy of send ${emailId} failed${tries}: ${failure.code}`);
      return this.finish(emailId, 'failed', `${failure.message}${tries}`, failure.code);
    }
    const delayMs = Math.min(MAX_RETRY_MS, this.config.get('SENT_COPY_FIRST_RETRY_MS', { infer: true }) * 2 ** (attempts - 1));
    const next = new Date(Date.now() + delayMs);
    this.logger.warn(`Sent copy of send ${emailId}: attempt ${attempts} failed (${failure.code}), next at ${next.toISOString()}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE sent_copies SET claimed_until = NULL, next_attempt_at = $2 WHERE email_message_id = $1`, [emailId, next]);
      await manager.query(`UPDATE email_messages SET sent_copy_detail = $2, sent_copy_code = $3 WHERE id = $1`, [
        emailId,
        `Attempt ${attempts} failed: ${failure.message} Sendas tries again at ${next.toISOString()}.`,
        failure.code,
      ]);
    });
  }

  /** The outcome goes on the send and the bytes go, in one transaction. */
  private async finish(emailId: string, status: SentCopyStatus, detail: string, code: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE email_messages SET sent_copy_status = $2, sent_copy_detail = $3, sent_copy_code = $4, sent_copy_at = now() WHERE id = $1`,
        [emailId, status, detail, code],
      );
      await manager.query(`DELETE FROM sent_copies WHERE email_message_id = $1`, [emailId]);
    });
  }

  /** Longer than an IMAP session can last under the connection bounds: until then no one else tries. */
  private leaseSeconds(): number {
    const bound = smtpConversationBoundMs({
      SMTP_CONNECTION_TIMEOUT_MS: this.config.get('SMTP_CONNECTION_TIMEOUT_MS', { infer: true }),
      SMTP_GREETING_TIMEOUT_MS: this.config.get('SMTP_GREETING_TIMEOUT_MS', { infer: true }),
      SMTP_SOCKET_TIMEOUT_MS: this.config.get('SMTP_SOCKET_TIMEOUT_MS', { infer: true }),
    });
    return Math.ceil((3 * bound) / 1000) + 30;
  }
}
