import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Companies can be archived; contacts get a greeting name, a language, and at most one active primary contact per
 * company (enforced by a partial unique index; older duplicates keep only the earliest as primary).
 */
export class CompaniesWorkspace1764979200000 implements MigrationInterface {
  name = 'CompaniesWorkspace1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "companies" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "greeting_name" character varying(120) NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD "language" character varying(2) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "CHK_contacts_language" CHECK ("language" IN ('en', 'th'))`);
    await queryRunner.query(
      `UPDATE "contacts" SET "is_primary" = false WHERE "id" IN (
         SELECT "id" FROM (
           SELECT "id", row_number() OVER (PARTITION BY "company_id" ORDER BY "created_at", "id") AS "n"
           FROM "contacts" WHERE "is_primary" AND "active"
         ) AS "ranked" WHERE "n" > 1)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_contacts_one_primary" ON "contacts" ("company_id") WHERE "is_primary" AND "active"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_contacts_one_primary"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "CHK_contacts_language"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "language"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "greeting_name"`);
    await queryRunner.query(`ALTER TABLE "companies" DROP COLUMN "archived_at"`);
  }
}
