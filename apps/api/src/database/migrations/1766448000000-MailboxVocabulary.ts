import type { MigrationInterface, QueryRunner } from 'typeorm';

const CONSTRAINTS = [
  ['PK_smtp_credentials', 'PK_mailboxes'],
  ['UQ_smtp_credentials_user', 'UQ_mailboxes_user'],
  ['FK_smtp_credentials_user', 'FK_mailboxes_user'],
  ['FK_smtp_credentials_updated_by', 'FK_mailboxes_updated_by'],
  ['CHK_smtp_credentials_provider', 'CHK_mailboxes_provider'],
  ['CHK_smtp_credentials_security', 'CHK_mailboxes_security'],
  ['CHK_smtp_credentials_port', 'CHK_mailboxes_port'],
  ['CHK_smtp_credentials_envelope', 'CHK_mailboxes_envelope'],
  ['smtp_credentials_kind_secret', 'CHK_mailboxes_kind_secret'],
] as const;

/**
 * Renames the constraints of `mailboxes` still named after `from` to `to` (PostgreSQL 18, and the embedded database,
 * also name each NOT NULL constraint after the table: `smtp_credentials_username_not_null`).
 */
const renameOtherConstraints = (from: string, to: string) => `
  DO $$ DECLARE c record; BEGIN
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'mailboxes'::regclass AND starts_with(conname, '${from}') LOOP
      EXECUTE format('ALTER TABLE mailboxes RENAME CONSTRAINT %I TO %I', c.conname, '${to}' || substr(c.conname, ${from.length + 1}));
    END LOOP;
  END $$`;

/** The daily-limit guard of SendPathTriggers, reading the mailbox's limit and version from `table`. */
const dailyLimitGuard = (table: string) => `
  CREATE OR REPLACE FUNCTION email_messages_daily_limit() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    daily_limit integer;
    current_version integer;
    used integer;
  BEGIN
    SELECT c.daily_limit, c.version INTO daily_limit, current_version FROM ${table} c WHERE c.user_id = NEW.sender_id;
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
  END $$`;

/**
 * One word for one thing: the table `smtp_credentials` becomes `mailboxes` (its constraints too), the daily-limit
 * trigger function reads the new name (plpgsql resolves table names when it runs, so it must be written again), and
 * the audit rows written about mailboxes as `smtp_credential` (subject and action) move to `mailbox`, so a mailbox's
 * history still shows everything.
 */
export class MailboxVocabulary1766448000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE smtp_credentials RENAME TO mailboxes`);
    for (const [from, to] of CONSTRAINTS) await queryRunner.query(`ALTER TABLE mailboxes RENAME CONSTRAINT "${from}" TO "${to}"`);
    await queryRunner.query(renameOtherConstraints('smtp_credentials_', 'mailboxes_'));
    await queryRunner.query(dailyLimitGuard('mailboxes'));
    await queryRunner.query(
      `UPDATE audit_events SET subject_type = 'mailbox', action = 'mailbox.' || substring(action FROM length('smtp_credential.') + 1)
       WHERE subject_type = 'smtp_credential'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE audit_events SET subject_type = 'smtp_credential', action = 'smtp_credential.' || substring(action FROM length('mailbox.') + 1)
       WHERE subject_type = 'mailbox'`,
    );
    await queryRunner.query(dailyLimitGuard('smtp_credentials'));
    for (const [from, to] of CONSTRAINTS) await queryRunner.query(`ALTER TABLE mailboxes RENAME CONSTRAINT "${to}" TO "${from}"`);
    await queryRunner.query(renameOtherConstraints('mailboxes_', 'smtp_credentials_'));
    await queryRunner.query(`ALTER TABLE mailboxes RENAME TO smtp_credentials`);
  }
}
