import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEED: Array<[string, string, string, string]> = [
  [
    'quote',
    'en',
    'Quote {{document.number}} from {{org.name}}',
    `Dear {{contact.greetingName}},

Thank you for your interest. Please find attached our quote {{document.number}} for {{company.name}}, totalling {{document.currency}} {{document.total}}.
The quote is valid until {{document.validUntil}}.

If you have any questions, just reply to this email.

Kind regards,`,
  ],
  [
    'contract',
    'en',
    'Contract {{document.number}} from {{org.name}}',
    `Dear {{contact.greetingName}},

Please find attached contract {{document.number}} for {{company.name}}, covering {{document.startDate}} to {{document.endDate}} ({{document.currency}} {{document.total}}).
Please review it, and reply to this email if anything needs changing.

Kind regards,`,
  ],
  [
    'invoice',
    'en',
    'Invoice {{document.number}} from {{org.name}}',
    `Dear {{contact.greetingName}},

Please find attached invoice {{document.number}} for {{company.name}} over {{document.currency}} {{document.total}}, due on {{document.dueDate}}.
Please quote {{document.number}} with your payment.

Kind regards,`,
  ],
  [
    'quote',
    'th',
    'ใบเสนอราคา {{document.number}} จาก {{org.name}}',
    `เรียน {{contact.greetingName}}

ขอบคุณที่สนใจบริการของเรา ขอส่งใบเสนอราคาเลขที่ {{document.number}} สำหรับ {{company.name}} ยอดรวม {{document.currency}} {{document.total}} ตามไฟล์แนบ
ใบเสนอราคานี้มีผลถึงวันที่ {{document.validUntil}}

หากมีข้อสงสัย สามารถตอบกลับอีเมลนี้ได้เลย

ขอแสดงความนับถือ`,
  ],
  [
    'contract',
    'th',
    'สัญญา {{document.number}} จาก {{org.name}}',
    `เรียน {{contact.greetingName}}

ขอส่งสัญญาเลขที่ {{document.number}} สำหรับ {{company.name}} ระยะเวลาตั้งแต่ {{document.startDate}} ถึง {{document.endDate}} ({{document.currency}} {{document.total}}) ตามไฟล์แนบ
กรุณาตรวจสอบ และตอบกลับอีเมลนี้หากต้องการแก้ไขส่วนใด

ขอแสดงความนับถือ`,
  ],
  [
    'invoice',
    'th',
    'ใบแจ้งหนี้ {{document.number}} จาก {{org.name}}',
    `เรียน {{contact.greetingName}}

ขอส่งใบแจ้งหนี้เลขที่ {{document.number}} สำหรับ {{company.name}} ยอดเงิน {{document.currency}} {{document.total}} ครบกำหนดชำระวันที่ {{document.dueDate}} ตามไฟล์แนบ
กรุณาระบุเลขที่ {{document.number}} เมื่อชำระเงิน

ขอแสดงความนับถือ`,
  ],
];

/** Email templates as data, seeded with the texts the code had (English) and their Thai versions. */
export class EmailTemplates1765152000000 implements MigrationInterface {
  name = 'EmailTemplates1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_templates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "document_type" character varying(16) NOT NULL,
        "language" character varying(2) NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "updated_by_id" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_email_templates" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_email_templates_type_language" UNIQUE ("document_type", "language"),
        CONSTRAINT "CHK_email_templates_type" CHECK ("document_type" IN ('quote', 'contract', 'invoice')),
        CONSTRAINT "CHK_email_templates_language" CHECK ("language" IN ('en', 'th')),
        CONSTRAINT "FK_email_templates_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL
      )`,
    );
    for (const row of SEED) {
      await queryRunner.query(`INSERT INTO "email_templates" ("document_type", "language", "subject", "body") VALUES ($1, $2, $3, $4)`, row);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_templates"`);
  }
}
