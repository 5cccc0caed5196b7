import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailMessages1764460800000 implements MigrationInterface {
  name = 'EmailMessages1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "email_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "document_type" varchar(16) NOT NULL,
        "document_id" uuid NOT NULL,
        "document_number" varchar(24) NOT NULL,
        "actor_id" uuid NOT NULL,
        "sender_id" uuid NOT NULL,
        "sent_via" varchar(8) NOT NULL,
        "from_address" text NOT NULL,
        "reply_to" text,
        "to_addresses" text[] NOT NULL,
        "cc_addresses" text[] NOT NULL DEFAULT '{}',
        "bcc_addresses" text[] NOT NULL DEFAULT '{}',
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "attachment_names" text[] NOT NULL DEFAULT '{}',
        "status" varchar(8) NOT NULL,
        "message_id" text,
        "smtp_response" text,
        "accepted" text[] NOT NULL DEFAULT '{}',
        "rejected" text[] NOT NULL DEFAULT '{}',
        "error_code" varchar(64),
        "error_message" text,
        "idempotency_key" varchar(255),
        "request_hash" varchar(64),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        CONSTRAINT "PK_email_messages" PRIMARY KEY ("id"),
        CONSTRAINT "FK_email_messages_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_email_messages_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_email_messages_sender" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_email_messages_status" CHECK ("status" IN ('sending', 'sent', 'failed')),
        CONSTRAINT "CHK_email_messages_via" CHECK ("sent_via" IN ('user', 'system'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_email_messages_idempotency" ON "email_messages" ("actor_id", "idempotency_key")`);
    await queryRunner.query(`CREATE INDEX "IX_email_messages_document" ON "email_messages" ("document_id", "created_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "IX_email_messages_sender_usage" ON "email_messages" ("sender_id", "sent_via", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IX_email_messages_created" ON "email_messages" ("created_at" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_messages"`);
  }
}
