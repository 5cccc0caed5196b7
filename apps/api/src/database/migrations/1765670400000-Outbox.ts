import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue's name as of this migration (the outbox module names it too). */
const OUTBOX_QUEUE = 'outbox-send';

/**
 * The outbox: each user's time zone; scheduled sends with the message as approved (the PDF frozen); and the job
 * queue's own schema (pg-boss 10, installed from its construction plan, which holds its own transaction; its
 * upgrades come as migrations from `PgBoss.getMigrationPlans`) with the queue the outbox uses.
 */
export class Outbox1765670400000 implements MigrationInterface {
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.startTransaction();
    await queryRunner.query(`ALTER TABLE users ADD COLUMN time_zone varchar(64) NOT NULL DEFAULT 'UTC'`);
    await queryRunner.query(`
      CREATE TABLE scheduled_sends (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_type varchar(16) NOT NULL,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        document_number varchar(24) NOT NULL,
        actor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        sender_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        request jsonb NOT NULL,
        pdf bytea,
        send_at timestamptz NOT NULL,
        time_zone varchar(64) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'scheduled',
        attempts int NOT NULL DEFAULT 0,
        email_message_id uuid REFERENCES email_messages(id) ON DELETE SET NULL,
        error_code varchar(64),
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_scheduled_sends_actor" ON scheduled_sends (actor_id, send_at DESC)`);
    await queryRunner.query(`CREATE INDEX "IDX_scheduled_sends_document" ON scheduled_sends (document_id)`);
    await queryRunner.commitTransaction();

    await queryRunner.query(PgBoss.getConstructionPlans('pgboss'));
    // Retries here are for a worker that died mid-job (the job expires); the outbox retries refused sends itself.
    await queryRunner.query(`SELECT pgboss.create_queue($1, $2)`, [
      OUTBOX_QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA pgboss CASCADE`);
    await queryRunner.query(`DROP TABLE scheduled_sends`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN time_zone`);
  }
}
