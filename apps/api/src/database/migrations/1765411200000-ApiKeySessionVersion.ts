import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An API key ends with its owner's sessions (password reset, deactivation): it keeps the session version it was made under. */
export class ApiKeySessionVersion1765411200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_keys ADD COLUMN owner_session_version int`);
    await queryRunner.query(`UPDATE api_keys k SET owner_session_version = u.session_version FROM users u WHERE u.id = k.user_id`);
    await queryRunner.query(`ALTER TABLE api_keys ALTER COLUMN owner_session_version SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_keys DROP COLUMN owner_session_version`);
  }
}
