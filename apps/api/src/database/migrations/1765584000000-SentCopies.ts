import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sent copies: per mailbox the IMAP server to save a copy of each sent message to (presets get their provider's
 * server, saving off); per send the copy's outcome; and the copies still to save, with the exact bytes sent and
 * the IMAP account they are for.
 */
export class SentCopies1765584000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE smtp_credentials
        ADD COLUMN save_sent_copy boolean NOT NULL DEFAULT false,
        ADD COLUMN imap_host varchar(253),
        ADD COLUMN imap_port int,
        ADD COLUMN imap_security varchar(8),
        ADD COLUMN imap_username varchar(254),
        ADD COLUMN sent_folder varchar(200)`);
    await queryRunner.query(`
      UPDATE smtp_credentials SET imap_username = username,
        imap_host = CASE provider WHEN 'gmail' THEN 'imap.gmail.com' ELSE 'outlook.office365.com' END,
        imap_port = 993, imap_security = 'tls'
      WHERE provider IN ('gmail', 'office365')`);
    await queryRunner.query(`
      ALTER TABLE email_messages
        ADD COLUMN sent_copy_status varchar(12),
        ADD COLUMN sent_copy_detail text,
        ADD COLUMN sent_copy_code varchar(64),
        ADD COLUMN sent_copy_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE sent_copies (
        email_message_id uuid PRIMARY KEY REFERENCES email_messages(id) ON DELETE CASCADE,
        raw bytea NOT NULL,
        imap_account text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_sent_copies_due" ON sent_copies (next_attempt_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sent_copies`);
    await queryRunner.query(
      `ALTER TABLE email_messages DROP COLUMN sent_copy_status, DROP COLUMN sent_copy_detail, DROP COLUMN sent_copy_code, DROP COLUMN sent_copy_at`,
    );
    await queryRunner.query(
      `ALTER TABLE smtp_credentials DROP COLUMN save_sent_copy, DROP COLUMN imap_host, DROP COLUMN imap_port, DROP COLUMN imap_security, DROP COLUMN imap_username, DROP COLUMN sent_folder`,
    );
  }
}
