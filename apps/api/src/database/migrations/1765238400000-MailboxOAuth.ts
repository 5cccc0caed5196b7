import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailboxes that sign in with their owner's OAuth2 consent (XOAUTH2): the kind of sign-in, the encrypted refresh
 * token, when it was last refreshed; and the short-lived, single-use authorization requests (state + PKCE verifier).
 */
export class MailboxOAuth1765238400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE smtp_credentials
        ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'app_password',
        ADD COLUMN refresh_token_enc text,
        ADD COLUMN consent_refreshed_at timestamptz,
        ALTER COLUMN password_enc DROP NOT NULL,
        ADD CONSTRAINT smtp_credentials_kind_secret CHECK (
          (kind = 'app_password' AND password_enc IS NOT NULL AND refresh_token_enc IS NULL)
          OR (kind IN ('google', 'microsoft') AND refresh_token_enc IS NOT NULL AND password_enc IS NULL)
        )`);
    await queryRunner.query(`
      CREATE TABLE mailbox_oauth_requests (
        state_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider varchar(16) NOT NULL CHECK (provider IN ('google', 'microsoft')),
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX mailbox_oauth_requests_expires ON mailbox_oauth_requests (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mailbox_oauth_requests`);
    await queryRunner.query(`DELETE FROM smtp_credentials WHERE kind <> 'app_password'`);
    await queryRunner.query(`
      ALTER TABLE smtp_credentials
        DROP CONSTRAINT smtp_credentials_kind_secret,
        DROP COLUMN kind,
        DROP COLUMN refresh_token_enc,
        DROP COLUMN consent_refreshed_at,
        ALTER COLUMN password_enc SET NOT NULL`);
  }
}
