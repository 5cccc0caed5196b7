import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A counter carried in every token: raising it signs the user out everywhere (see auth/session-tokens.ts). */
export class UserSessionVersion1764547200000 implements MigrationInterface {
  name = 'UserSessionVersion1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
