import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per paced mailbox (a mailbox identity, or the company account): the earliest time its next outbox send may
 * start. The worker claims it with one conditional upsert, which excludes on the embedded database too (where
 * advisory locks do not: every connection there is one session).
 */
export class SendPace1766188800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE send_pace (mailbox varchar(40) PRIMARY KEY, next_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE send_pace`);
  }
}
