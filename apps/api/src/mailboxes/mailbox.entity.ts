import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MailboxKind, SmtpProvider, SmtpSecurity } from '@sendas/contracts';
import { User } from '../users';
import type { EncryptedColumn } from '../crypto';

/**
 * One mailbox per user, signing in with an app password or its owner's OAuth2 consent (XOAUTH2). Password and
 * refresh token are only ever stored as SecretBox envelopes; users know nothing of mailboxes but the owner id.
 */
@Entity('mailboxes')
export class Mailbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid', unique: true })
  userId: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16, default: 'app_password' })
  kind: MailboxKind;

  @Column({ type: 'varchar', length: 16 })
  provider: SmtpProvider;

  @Column({ type: 'varchar', length: 253 })
  host: string;

  @Column({ type: 'int' })
  port: number;

  @Column({ type: 'varchar', length: 8 })
  security: SmtpSecurity;

  @Column({ type: 'varchar', length: 254 })
  username: string;

  @Column({ name: 'from_email', type: 'varchar', length: 254 })
  fromEmail: string;

  @Column({ name: 'from_name', type: 'varchar', length: 120 })
  fromName: string;

  /** App-password mailboxes only. */
  @Column({ name: 'password_enc', type: 'text', select: false, nullable: true })
  passwordEnc: string | null;

  /** OAuth mailboxes only: replaced whenever the provider rotates it. */
  @Column({ name: 'refresh_token_enc', type: 'text', select: false, nullable: true })
  refreshTokenEnc: string | null;

  /** OAuth mailboxes: when the provider last issued tokens (connect or refresh). */
  @Column({ name: 'consent_refreshed_at', type: 'timestamptz', nullable: true })
  consentRefreshedAt: Date | null;

  @Column({ name: 'allow_self_signed', type: 'boolean', default: false })
  allowSelfSignedCertificate: boolean;

  @Column({ name: 'daily_limit', type: 'int' })
  dailyLimit: number;

  /** Send many paces this mailbox to this many messages a minute; 0: not paced. */
  @Column({ name: 'sends_per_minute', type: 'int' })
  sendsPerMinute: number;

  /** Save a copy of each sent message to Sent over IMAP, signing in like SMTP (the password is bound to this server too). */
  @Column({ name: 'save_sent_copy', type: 'boolean', default: false })
  saveSentCopy: boolean;

  @Column({ name: 'imap_host', type: 'varchar', length: 253, nullable: true })
  imapHost: string | null;

  @Column({ name: 'imap_port', type: 'int', nullable: true })
  imapPort: number | null;

  @Column({ name: 'imap_security', type: 'varchar', length: 8, nullable: true })
  imapSecurity: SmtpSecurity | null;

  @Column({ name: 'imap_username', type: 'varchar', length: 254, nullable: true })
  imapUsername: string | null;

  /** Used when the server flags no folder as Sent. */
  @Column({ name: 'sent_folder', type: 'varchar', length: 200, nullable: true })
  sentFolder: string | null;

  /**
   * Which mailbox this is: new (from the sequence `mailbox_numbers`, never an earlier mailbox's) when it is created,
   * switches kind or changes its account or From address. A scheduled send keeps it (migration MailboxIdentity).
   */
  @Column({ type: 'int' })
  identity: number;

  /** Its settings: new from the same sequence on every save, so pools and copies kept of older settings are retired. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'last_error_code', type: 'varchar', length: 64, nullable: true })
  lastErrorCode: string | null;

  @Column({ name: 'last_error_message', type: 'text', nullable: true })
  lastErrorMessage: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id' })
  updatedBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Columns holding SecretBox envelopes, for `npm run secrets:rotate`. */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  { entity: Mailbox, property: 'passwordEnc' },
  { entity: Mailbox, property: 'refreshTokenEnc' },
];
