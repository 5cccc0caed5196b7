import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1764374400000 implements MigrationInterface {
  name = 'Documents1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE "companies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL,
        "billing_address" text NOT NULL DEFAULT '',
        "country" char(2) NOT NULL,
        "account_manager_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_companies" PRIMARY KEY ("id"),
        CONSTRAINT "FK_companies_account_manager" FOREIGN KEY ("account_manager_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IX_companies_account_manager" ON "companies" ("account_manager_id")`);
    await queryRunner.query(`CREATE INDEX "IX_companies_name_trgm" ON "companies" USING gin (lower("name") gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE TABLE "contacts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "company_id" uuid NOT NULL,
        "name" varchar(120) NOT NULL,
        "email" varchar(254) NOT NULL,
        "title" varchar(120) NOT NULL DEFAULT '',
        "is_primary" boolean NOT NULL DEFAULT false,
        "is_billing" boolean NOT NULL DEFAULT false,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_contacts" PRIMARY KEY ("id"),
        CONSTRAINT "FK_contacts_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IX_contacts_company" ON "contacts" ("company_id")`);
    await queryRunner.query(`
      CREATE TABLE "document_counters" (
        "type" varchar(16) NOT NULL,
        "year" integer NOT NULL,
        "last_value" integer NOT NULL,
        CONSTRAINT "PK_document_counters" PRIMARY KEY ("type", "year")
      )`);
    await queryRunner.query(`
      CREATE TABLE "documents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "type" varchar(16) NOT NULL,
        "number" varchar(24) NOT NULL,
        "company_id" uuid NOT NULL,
        "owner_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL,
        "currency" char(3) NOT NULL,
        "issue_date" date NOT NULL,
        "valid_until" date,
        "start_date" date,
        "end_date" date,
        "due_date" date,
        "notes" text NOT NULL DEFAULT '',
        "subtotal" numeric(14,2) NOT NULL,
        "tax_total" numeric(14,2) NOT NULL,
        "total" numeric(14,2) NOT NULL,
        "search_text" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_documents" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_documents_number" UNIQUE ("number"),
        CONSTRAINT "FK_documents_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_documents_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "CHK_documents_type" CHECK ("type" IN ('quote', 'contract', 'invoice')),
        CONSTRAINT "CHK_documents_status" CHECK (
          ("type" = 'quote' AND "status" IN ('draft', 'sent', 'accepted', 'rejected', 'expired')) OR
          ("type" = 'contract' AND "status" IN ('draft', 'sent', 'signed', 'active', 'expired')) OR
          ("type" = 'invoice' AND "status" IN ('draft', 'sent', 'paid', 'overdue', 'void')))
      )`);
    // List pages: by type, newest first, optionally for one owner or one company.
    await queryRunner.query(`CREATE INDEX "IX_documents_type_date" ON "documents" ("type", "issue_date" DESC, "number" DESC)`);
    await queryRunner.query(`CREATE INDEX "IX_documents_type_owner_date" ON "documents" ("type", "owner_id", "issue_date" DESC, "number" DESC)`);
    await queryRunner.query(`CREATE INDEX "IX_documents_company" ON "documents" ("company_id", "type")`);
    await queryRunner.query(`CREATE INDEX "IX_documents_search_trgm" ON "documents" USING gin ("search_text" gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE TABLE "document_lines" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "document_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "description" text NOT NULL,
        "quantity" numeric(12,3) NOT NULL,
        "unit_price" numeric(14,2) NOT NULL,
        "tax_rate" numeric(5,2) NOT NULL,
        "net_amount" numeric(14,2) NOT NULL,
        "tax_amount" numeric(14,2) NOT NULL,
        CONSTRAINT "PK_document_lines" PRIMARY KEY ("id"),
        CONSTRAINT "FK_document_lines_document" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_document_lines_quantity" CHECK ("quantity" > 0),
        CONSTRAINT "CHK_document_lines_price" CHECK ("unit_price" >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX "IX_document_lines_document" ON "document_lines" ("document_id", "position")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "document_lines"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP TABLE "document_counters"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP TABLE "companies"`);
  }
}
