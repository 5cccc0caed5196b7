import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trigger function as migration SendPathTriggers made it, for `down`. */
const BEFORE = `
  CREATE OR REPLACE FUNCTION email_messages_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.status = 'failed' AND NEW.sent_via = 'user' THEN
      UPDATE mailbox_hourly_sends SET sent = sent - 1
        WHERE sender_id = NEW.sender_id AND hour = date_trunc('hour', NEW.created_at, 'UTC') AND sent > 0;
    ELSIF NEW.status = 'sent' THEN
      UPDATE documents SET status = 'sent', updated_at = now() WHERE id = NEW.document_id AND status = 'draft';
    END IF;
    RETURN NULL;
  END $$`;

/**
 * A document remembers when its last send went wrong (`failed`, or `unknown`: it may have been delivered), with the
 * reason, so its list row and page say so to whoever sent it; a later send that goes out clears it. Kept by the
 * trigger that already follows a send's outcome, in the same statement: the documents list reads one more column and
 * no join, and a send that goes out finds the document by its key as before (it writes only when there is something
 * to clear or a draft to move to sent). An older attempt settling after a newer one never overwrites it.
 */
export class DocumentLastSendProblem1766793600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE documents ADD COLUMN last_send_problem jsonb`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION email_messages_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'failed' AND NEW.sent_via = 'user' THEN
          UPDATE mailbox_hourly_sends SET sent = sent - 1
            WHERE sender_id = NEW.sender_id AND hour = date_trunc('hour', NEW.created_at, 'UTC') AND sent > 0;
        END IF;
        IF NEW.status = 'sent' THEN
          UPDATE documents SET
              status = CASE WHEN status = 'draft' THEN 'sent' ELSE status END,
              updated_at = CASE WHEN status = 'draft' THEN now() ELSE updated_at END,
              last_send_problem = CASE WHEN (last_send_problem ->> 'at')::timestamptz <= NEW.created_at THEN NULL ELSE last_send_problem END
            WHERE id = NEW.document_id AND (status = 'draft' OR last_send_problem IS NOT NULL);
        ELSE
          UPDATE documents SET last_send_problem = jsonb_build_object(
              'emailId', NEW.id, 'status', NEW.status, 'code', NEW.error_code, 'message', NEW.error_message,
              'at', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            WHERE id = NEW.document_id
              AND (last_send_problem IS NULL OR (last_send_problem ->> 'at')::timestamptz <= NEW.created_at)
              AND NOT EXISTS (SELECT 1 FROM email_messages e WHERE e.document_id = NEW.document_id AND e.document_type = NEW.document_type
                                AND e.status = 'sent' AND e.created_at > NEW.created_at);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "TR_email_messages_status_changed" ON email_messages`);
    await queryRunner.query(`
      CREATE TRIGGER "TR_email_messages_status_changed" AFTER UPDATE OF status ON email_messages
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('sent', 'failed', 'unknown') AND OLD.status <> 'failed')
      EXECUTE FUNCTION email_messages_status_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_email_messages_status_changed" ON email_messages`);
    await queryRunner.query(BEFORE);
    await queryRunner.query(`
      CREATE TRIGGER "TR_email_messages_status_changed" AFTER UPDATE OF status ON email_messages
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status IN ('sent', 'failed') AND OLD.status <> 'failed')
      EXECUTE FUNCTION email_messages_status_changed()`);
    await queryRunner.query(`ALTER TABLE documents DROP COLUMN last_send_problem`);
  }
}
