import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A phone number on the profile, printed under "Your contact" on the PDFs of the user's documents. */
export class UserPhone1766707200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "phone" varchar(40) NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone"`);
  }
}
