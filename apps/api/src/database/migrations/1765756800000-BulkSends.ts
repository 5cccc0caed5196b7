import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Send many: a bulk send groups the scheduled sends it made, one per document. */
export class BulkSends1765756800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bulk_sends (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_type varchar(16) NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        sender_mode varchar(8) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE scheduled_sends ADD COLUMN bulk_id uuid REFERENCES bulk_sends(id) ON DELETE CASCADE`);
    await queryRunner.query(`CREATE INDEX "IDX_scheduled_sends_bulk" ON scheduled_sends (bulk_id) WHERE bulk_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheduled_sends DROP COLUMN bulk_id`);
    await queryRunner.query(`DROP TABLE bulk_sends`);
  }
}
