import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Send many paces each mailbox: messages a minute, by provider (Gmail 20, Microsoft 365 30, other 10), editable; a
 * new run continues after what the mailbox already has queued.
 */
export class MailboxPace1765843200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE smtp_credentials ADD COLUMN sends_per_minute int NOT NULL DEFAULT 10`);
    await queryRunner.query(`UPDATE smtp_credentials SET sends_per_minute = CASE provider WHEN 'gmail' THEN 20 WHEN 'office365' THEN 30 ELSE 10 END`);
    await queryRunner.query(`CREATE INDEX "IDX_scheduled_sends_sender_queued" ON scheduled_sends (sender_id, send_at) WHERE status = 'scheduled'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_scheduled_sends_sender_queued"`);
    await queryRunner.query(`ALTER TABLE smtp_credentials DROP COLUMN sends_per_minute`);
  }
}
