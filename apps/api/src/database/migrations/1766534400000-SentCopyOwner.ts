import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Sent copy remembers the instance that queued it: that instance retries it, and the others take it over only once
 * it is well overdue (its instance stopped). Rows queued before belong to no instance: anyone retries them.
 */
export class SentCopyOwner1766534400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sent_copies ADD COLUMN queued_by uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sent_copies DROP COLUMN queued_by`);
  }
}
