import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation's settings, one row (`id` 1), written at the first start with ORG_TIME_ZONE and changed by
 * superusers after that. Who changed them last is kept by name too, so a deleted user still shows.
 */
export class Organisation1766620800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organisation_settings" (
        "id" smallint PRIMARY KEY DEFAULT 1 CONSTRAINT "CHK_organisation_settings_one_row" CHECK ("id" = 1),
        "time_zone" varchar(64) NOT NULL,
        "working_days" smallint[] NOT NULL
          CONSTRAINT "CHK_organisation_settings_working_days" CHECK (cardinality("working_days") >= 1 AND "working_days" <@ '{1,2,3,4,5,6,7}'),
        "updated_at" timestamptz,
        "updated_by_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "updated_by_name" varchar(120)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "organisation_settings"`);
  }
}
