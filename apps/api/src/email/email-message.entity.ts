import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentType, EmailStatus, SentCopyOutcome, SentCopyStatus, SentVia } from '@sendas/contracts';

/**
 * The audit log of sends: written (status `sending`) before the SMTP conversation and completed after it,
 * so a crash leaves a visible row. It also counts mailbox usage and remembers idempotency keys.
 */
@Entity('email_messages')
@Index('UQ_email_messages_idempotency', ['actorId', 'idempotencyKey'], { unique: true })
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'document_number', type: 'varchar', length: 24 })
  documentNumber: string;

  /** Who pressed Send. */
  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  /** Whose mailbox it went through (the actor, or the user an admin sent on behalf of). */
  @Column({ name: 'sender_id', type: 'uuid' })
  senderId: string;

  @Column({ name: 'sent_via', type: 'varchar', length: 8 })
  sentVia: SentVia;

  /** The version of the sender's mailbox the send used (company account: null); checked as the row goes in. */
  @Column({ name: 'mailbox_version', type: 'int', nullable: true })
  mailboxVersion: number | null;

  @Column({ name: 'from_address', type: 'text' })
  fromAddress: string;

  @Column({ name: 'reply_to', type: 'text', nullable: true })
  replyTo: string | null;

  @Column({ name: 'to_addresses', type: 'text', array: true })
  to: string[];

  @Column({ name: 'cc_addresses', type: 'text', array: true, default: '{}' })
  cc: string[];

  @Column({ name: 'bcc_addresses', type: 'text', array: true, default: '{}' })
  bcc: string[];

  @Column({ type: 'text' })
  subject: string;

  /** The plain-text part as sent: the body with the sender's signature. Read only for one send's detail (up to 100 kB). */
  @Column({ type: 'text', select: false })
  body: string;

  @Column({ name: 'attachment_names', type: 'text', array: true, default: '{}' })
  attachments: string[];

  @Column({ type: 'varchar', length: 8 })
  status: EmailStatus;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse: string | null;

  @Column({ name: 'accepted', type: 'text', array: true, default: '{}' })
  accepted: string[];

  @Column({ name: 'rejected', type: 'text', array: true, default: '{}' })
  rejected: string[];

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  /** The API key the actor sent with, and its name at the time (null: the web app or a signed-in session). */
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ name: 'api_key_name', type: 'varchar', length: 100, nullable: true })
  apiKeyName: string | null;

  /** The copy in the sender's Sent folder (null until the message is sent). */
  @Column({ name: 'sent_copy_status', type: 'varchar', length: 12, nullable: true })
  sentCopyStatus: SentCopyStatus | null;

  @Column({ name: 'sent_copy_detail', type: 'text', nullable: true })
  sentCopyDetail: string | null;

  @Column({ name: 'sent_copy_code', type: 'varchar', length: 64, nullable: true })
  sentCopyCode: string | null;

  @Column({ name: 'sent_copy_at', type: 'timestamptz', nullable: true })
  sentCopyAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}

/** The Sent copy's outcome as the API shows it; null while nothing was sent. */
export function sentCopyOf(message: Pick<EmailMessage, 'sentCopyStatus' | 'sentCopyDetail' | 'sentCopyCode' | 'sentCopyAt'>): SentCopyOutcome | null {
  if (!message.sentCopyStatus) return null;
  return {
    status: message.sentCopyStatus,
    detail: message.sentCopyDetail ?? '',
    code: message.sentCopyCode,
    at: message.sentCopyAt?.toISOString() ?? null,
  };
}
