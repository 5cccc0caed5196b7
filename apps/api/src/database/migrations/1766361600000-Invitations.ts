import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One invitation mechanism: links a superuser gives a person (today "connect your mailbox"), each a random token of
 * which only the SHA-256 is kept, single use, expiring, listed and revocable. Sealed invite links issued before this
 * stop working: a superuser issues a new one.
 */
export class Invitations1766361600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose varchar(24) NOT NULL CHECK (purpose IN ('mailbox_connect')),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider varchar(16),
        token_hash char(64) NOT NULL UNIQUE,
        created_by_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES users(id) ON DELETE SET NULL
      )`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_invitations_created" ON invitations (created_at DESC)`);
    await queryRunner.query(`ALTER TABLE mailbox_oauth_requests ADD COLUMN invitation_id uuid REFERENCES invitations(id) ON DELETE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE mailbox_oauth_requests DROP COLUMN invitation_id`);
    await queryRunner.query(`DROP TABLE invitations`);
  }
}
