import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time "forgot password" links (only the token's SHA-256 is kept); the dev mailbox keeps the To header apart from the envelope. */
export class PasswordResets1765497600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_password_resets_token_hash" ON password_resets (token_hash)`);
    await queryRunner.query(`CREATE INDEX "IDX_password_resets_user" ON password_resets (user_id)`);
    await queryRunner.query(`ALTER TABLE dev_mail_messages ADD COLUMN to_header text[]`);
    await queryRunner.query(`UPDATE dev_mail_messages SET to_header = envelope_to`);
    await queryRunner.query(`ALTER TABLE dev_mail_messages ALTER COLUMN to_header SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dev_mail_messages DROP COLUMN to_header`);
    await queryRunner.query(`DROP TABLE password_resets`);
  }
}
