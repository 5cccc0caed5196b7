import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Throttle counters shared by every instance on this database (login attempts, connection tests). Unlogged: a
 * counter lost in a crash only forgets some attempts, and the writes skip the WAL on the login path.
 */
export class ThrottleCounters1764806400000 implements MigrationInterface {
  name = 'ThrottleCounters1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "throttle_counters" ("key" character(64) PRIMARY KEY, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "throttle_counters"`);
  }
}
