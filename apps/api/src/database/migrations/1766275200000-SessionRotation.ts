import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each renewal rotates the refresh cookie: the session keeps the hash of the token it replaced and when, so a tab that
 * renewed with it a moment later is answered (grace) and a later reuse of it ends the session.
 */
export class SessionRotation1766275200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE auth_sessions ADD COLUMN previous_token_hash char(64), ADD COLUMN rotated_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_previous_token_hash" ON auth_sessions (previous_token_hash) WHERE previous_token_hash IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE auth_sessions DROP COLUMN previous_token_hash, DROP COLUMN rotated_at`);
  }
}
