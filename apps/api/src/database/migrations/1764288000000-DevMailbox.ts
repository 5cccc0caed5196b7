import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DevMailbox1764288000000 implements MigrationInterface {
  name = 'DevMailbox1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dev_mail_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "auth_user" varchar(254) NOT NULL,
        "envelope_from" varchar(254) NOT NULL,
        "envelope_to" text[] NOT NULL,
        "from_header" text NOT NULL DEFAULT '',
        "subject" text NOT NULL DEFAULT '',
        "size" integer NOT NULL,
        "raw" text NOT NULL,
        CONSTRAINT "PK_dev_mail_messages" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IX_dev_mail_messages_received" ON "dev_mail_messages" ("received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dev_mail_messages"`);
  }
}
