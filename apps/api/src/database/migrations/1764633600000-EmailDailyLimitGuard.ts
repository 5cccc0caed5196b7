import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database's own guard on a mailbox's daily limit, so concurrent sends cannot overshoot it: before an
 * audit row for a send through a user's mailbox goes in, take a lock per sender (held until that insert
 * commits) and count again. PL/pgSQL takes a fresh snapshot for each query, so the count sees every send
 * committed before the lock was granted. The service checks the same limit first for the friendly answer;
 * this makes it hold under races. Raises SQLSTATE SDL01 (see common/sql.ts).
 */
export class EmailDailyLimitGuard1764633600000 implements MigrationInterface {
  name = 'EmailDailyLimitGuard1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION email_messages_daily_limit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        daily_limit integer;
        used integer;
      BEGIN
        SELECT c.daily_limit INTO daily_limit FROM smtp_credentials c WHERE c.user_id = NEW.sender_id;
        IF daily_limit IS NULL THEN
          RETURN NEW;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('email_messages_daily_limit:' || NEW.sender_id::text, 0));
        SELECT count(*) INTO used FROM email_messages m
          WHERE m.sender_id = NEW.sender_id AND m.sent_via = 'user' AND m.status <> 'failed'
            AND m.created_at > now() - interval '24 hours';
        IF used >= daily_limit THEN
          RAISE EXCEPTION 'daily limit of % messages reached', daily_limit USING ERRCODE = 'SDL01';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "TR_email_messages_daily_limit" BEFORE INSERT ON "email_messages"
      FOR EACH ROW WHEN (NEW.sent_via = 'user') EXECUTE FUNCTION email_messages_daily_limit()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_email_messages_daily_limit" ON "email_messages"`);
    await queryRunner.query(`DROP FUNCTION email_messages_daily_limit()`);
  }
}
