import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two numbers a mailbox never shares with any earlier one, drawn from one sequence:
 * - `identity`: which mailbox it is. New when it is created (also after a delete), switches kind (app password,
 *   Google, Microsoft) or changes its account (user name, server) or From address. A scheduled send keeps the
 *   identity it was approved for, and fails rather than going out through another (`MAILBOX_CHANGED`).
 * - `version`: its settings. New with every save. Pools, the mailboxes an instance keeps in memory and the audit
 *   row's check (SQLSTATE SMV01, migration SendPathTriggers) compare it: a number restarting at 1 after a delete let
 *   another instance keep using the deleted mailbox's server and password.
 * `scheduled_sends.send_path` is the path fixed when a send was scheduled (`mailbox` with `mailbox_identity`, or
 * `company`); older rows have none and are not checked.
 */
export class MailboxIdentity1766102400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE mailbox_numbers AS integer`);
    await queryRunner.query(`ALTER TABLE smtp_credentials ADD COLUMN identity integer`);
    await queryRunner.query(`UPDATE smtp_credentials SET identity = nextval('mailbox_numbers'), version = nextval('mailbox_numbers')`);
    await queryRunner.query(`ALTER TABLE smtp_credentials ALTER COLUMN identity SET NOT NULL, ALTER COLUMN identity SET DEFAULT nextval('mailbox_numbers'),
      ALTER COLUMN version SET DEFAULT nextval('mailbox_numbers')`);
    await queryRunner.query(`ALTER TABLE scheduled_sends ADD COLUMN send_path varchar(8), ADD COLUMN mailbox_identity integer,
      ADD CONSTRAINT "CHK_scheduled_sends_path" CHECK (send_path IS NULL OR (send_path = 'mailbox') = (mailbox_identity IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduled_sends DROP CONSTRAINT "CHK_scheduled_sends_path", DROP COLUMN send_path, DROP COLUMN mailbox_identity`);
    await queryRunner.query(`ALTER TABLE smtp_credentials ALTER COLUMN version SET DEFAULT 1, DROP COLUMN identity`);
    await queryRunner.query(`DROP SEQUENCE mailbox_numbers`);
  }
}
