import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SmtpCredentials1764201600000 implements MigrationInterface {
  name = 'SmtpCredentials1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "smtp_credentials" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "provider" varchar(16) NOT NULL,
        "host" varchar(253) NOT NULL,
        "port" integer NOT NULL,
        "security" varchar(8) NOT NULL,
        "username" varchar(254) NOT NULL,
        "from_email" varchar(254) NOT NULL,
        "from_name" varchar(120) NOT NULL,
        "password_enc" text NOT NULL,
        "allow_self_signed" boolean NOT NULL DEFAULT false,
        "daily_limit" integer NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "verified_at" timestamptz,
        "last_error_code" varchar(64),
        "last_error_message" text,
        "last_error_at" timestamptz,
        "updated_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_smtp_credentials" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_smtp_credentials_user" UNIQUE ("user_id"),
        CONSTRAINT "FK_smtp_credentials_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_smtp_credentials_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_smtp_credentials_provider" CHECK ("provider" IN ('gmail', 'office365', 'custom')),
        CONSTRAINT "CHK_smtp_credentials_security" CHECK ("security" IN ('starttls', 'tls', 'none')),
        CONSTRAINT "CHK_smtp_credentials_port" CHECK ("port" BETWEEN 1 AND 65535),
        CONSTRAINT "CHK_smtp_credentials_envelope" CHECK ("password_enc" LIKE 'v1:%')
      )`);
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" uuid,
        "action" varchar(64) NOT NULL,
        "subject_type" varchar(32) NOT NULL,
        "subject_id" uuid NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_audit_events" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IX_audit_events_subject" ON "audit_events" ("subject_type", "subject_id", "occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "smtp_credentials"`);
  }
}
