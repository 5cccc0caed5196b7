import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EmailDailyLimitGuard1764633600000 } from './1764633600000-EmailDailyLimitGuard';

/**
 * The send path's rules in the statements it runs anyway, so a send needs fewer round trips and a heavy sender no
 * more time than a new one.
 *
 * A mailbox's daily limit in constant time: an hourly counter per sender instead of counting its last 24 hours of
 * audit rows on every send (which grew with every message a heavy sender sent).
 * - The window is the current UTC hour and the 24 before it, so it errs on the safe side: a message counts for up to
 *   25 hours, never fewer than 24 (a provider's limit is never overshot).
 * - `email_messages_daily_limit` (BEFORE INSERT, as before) takes the per-sender lock, sums at most 25 counters,
 *   refuses at the limit (SQLSTATE SDL01) and counts the new message in the hour of its `created_at`, all inside
 *   the INSERT: a statement that fails (a twin's idempotency key) takes its count back with it. Exact under
 *   concurrent sends and across instances.
 * - A message that turns `failed` no longer counts (as before: failed messages never did).
 * - A message that turns `sent` moves its draft document to `sent` in the same statement (it was a second round
 *   trip after every send).
 * - `email_messages.mailbox_version`: the version of the mailbox a send used, which an instance may have read
 *   earlier and kept (MailboxSending). The same trigger refuses the row (SQLSTATE SMV01) when the mailbox has
 *   changed or gone since, and the send reads it again: no send goes out with settings that were replaced.
 */
export class SendPathTriggers1765929600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE email_messages ADD COLUMN mailbox_version int`);
    await queryRunner.query(`
      CREATE TABLE mailbox_hourly_sends (
        sender_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        hour timestamptz NOT NULL,
        sent int NOT NULL,
        PRIMARY KEY (sender_id, hour)
      )`);
    await queryRunner.query(`
      INSERT INTO mailbox_hourly_sends (sender_id, hour, sent)
      SELECT sender_id, date_trunc('hour', created_at, 'UTC'), count(*) FROM email_messages
      WHERE sent_via = 'user' AND status <> 'failed' AND created_at >= date_trunc('hour', now(), 'UTC') - interval '24 hours'
      GROUP BY 1, 2`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION email_messages_daily_limit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        daily_limit integer;
        current_version integer;
        used integer;
      BEGIN
        SELECT c.daily_limit, c.version INTO daily_limit, current_version FROM smtp_credentials c WHERE c.user_id = NEW.sender_id;
        IF NEW.mailbox_version IS NOT NULL AND NEW.mailbox_version IS DISTINCT FROM current_version THEN
          RAISE EXCEPTION 'the mailbox changed since version %', NEW.mailbox_version USING ERRCODE = 'SMV01';
        END IF;
        IF daily_limit IS NULL THEN
          RETURN NEW;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('email_messages_daily_limit:' || NEW.sender_id::text, 0));
        SELECT coalesce(sum(h.sent), 0) INTO used FROM mailbox_hourly_sends h
          WHERE h.sender_id = NEW.sender_id AND h.hour >= date_trunc('hour', now(), 'UTC') - interval '24 hours';
        IF used >= daily_limit THEN
          RAISE EXCEPTION 'daily limit of % messages reached', daily_limit USING ERRCODE = 'SDL01';
        END IF;
        IF NEW.created_at >= date_trunc('hour', now(), 'UTC') - interval '24 hours' THEN
          INSERT INTO mailbox_hourly_sends AS h (sender_id, hour, sent) VALUES (NEW.sender_id, date_trunc('hour', NEW.created_at, 'UTC'), 1)
            ON CONFLICT (sender_id, hour) DO UPDATE SET sent = h.sent + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION email_messages_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'failed' AND NEW.sent_via = 'user' THEN
          UPDATE mailbox_hourly_sends SET sent = sent - 1
            WHERE sender_id = NEW.sender_id AND hour = date_trunc('hour', NEW.created_at, 'UTC') AND sent > 0;
        ELSIF NEW.status = 'sent' THEN
          UPDATE documents SET status = 'sent', updated_at = now() WHERE id = NEW.document_id AND status = 'draft';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "TR_email_messages_status_changed" AFTER UPDATE OF status ON email_messages
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('sent', 'failed') AND OLD.status <> 'failed')
      EXECUTE FUNCTION email_messages_status_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_email_messages_status_changed" ON email_messages`);
    await queryRunner.query(`DROP FUNCTION email_messages_status_changed()`);
    // back to the guard that counted the audit rows: as migration EmailDailyLimitGuard made it
    await queryRunner.query(`DROP TRIGGER "TR_email_messages_daily_limit" ON email_messages`);
    await queryRunner.query(`DROP FUNCTION email_messages_daily_limit()`);
    await new EmailDailyLimitGuard1764633600000().up(queryRunner);
    await queryRunner.query(`DROP TABLE mailbox_hourly_sends`);
    await queryRunner.query(`ALTER TABLE email_messages DROP COLUMN mailbox_version`);
  }
}
