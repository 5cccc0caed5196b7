import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys (stored as SHA-256 of the key, never the key) and, on each send, the key it was made with. */
export class ApiKeys1765324800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        prefix varchar(16) NOT NULL,
        secret_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_active_by_user ON api_keys (user_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`
      ALTER TABLE email_messages
        ADD COLUMN api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        ADD COLUMN api_key_name varchar(100)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE email_messages DROP COLUMN api_key_id, DROP COLUMN api_key_name`);
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
