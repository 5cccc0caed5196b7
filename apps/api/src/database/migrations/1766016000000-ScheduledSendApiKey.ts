import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A send scheduled with an API key keeps the key: its audit row names it, and revoking the key stops it. */
export class ScheduledSendApiKey1766016000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduled_sends ADD COLUMN api_key_id uuid, ADD COLUMN api_key_name varchar(100)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduled_sends DROP COLUMN api_key_id, DROP COLUMN api_key_name`);
  }
}
