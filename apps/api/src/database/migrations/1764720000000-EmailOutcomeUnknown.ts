import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fourth outcome, `unknown`: the connection broke after the whole message was handed over, or the send was
 * interrupted. The partial index keeps the stale-send sweep to the few rows still `sending`.
 */
export class EmailOutcomeUnknown1764720000000 implements MigrationInterface {
  name = 'EmailOutcomeUnknown1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_messages" DROP CONSTRAINT "CHK_email_messages_status"`);
    await queryRunner.query(
      `ALTER TABLE "email_messages" ADD CONSTRAINT "CHK_email_messages_status" CHECK ("status" IN ('sending', 'sent', 'failed', 'unknown'))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_email_messages_sending" ON "email_messages" ("created_at") WHERE "status" = 'sending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_email_messages_sending"`);
    await queryRunner.query(`UPDATE "email_messages" SET "status" = 'failed' WHERE "status" = 'unknown'`);
    await queryRunner.query(`ALTER TABLE "email_messages" DROP CONSTRAINT "CHK_email_messages_status"`);
    await queryRunner.query(`ALTER TABLE "email_messages" ADD CONSTRAINT "CHK_email_messages_status" CHECK ("status" IN ('sending', 'sent', 'failed'))`);
  }
}
