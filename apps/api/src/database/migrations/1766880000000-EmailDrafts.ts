import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Unsent messages of the Send dialog, one per person and document, gone with the person or the document. */
export class EmailDrafts1766880000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "email_drafts" (
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "document_type" varchar(16) NOT NULL,
        "document_id" uuid NOT NULL REFERENCES "documents" ("id") ON DELETE CASCADE,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "recipients" jsonb NOT NULL,
        "on_behalf_of_user_id" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("user_id", "document_type", "document_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_drafts"`);
  }
}
