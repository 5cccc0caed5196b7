import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A discount per line item, in percent, taken off the line's net before tax. */
export class LineDiscounts1765065600000 implements MigrationInterface {
  name = 'LineDiscounts1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_lines" ADD "discount_percent" numeric(5,2) NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE "document_lines" ADD CONSTRAINT "CHK_document_lines_discount" CHECK ("discount_percent" >= 0 AND "discount_percent" <= 100)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document_lines" DROP COLUMN "discount_percent"`);
  }
}
