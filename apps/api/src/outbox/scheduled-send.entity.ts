import type { SendPath } from '../email';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentType, OutboxStatus, SendEmailRequest } from '@sendas/contracts';

/**
 * A send waiting in the outbox, with the message as it was approved: recipients, subject, body and the PDF are
 * frozen when it is scheduled. Access, mailbox and daily limit are checked again when it goes out.
 */
@Entity('scheduled_sends')
@Index('IDX_scheduled_sends_actor', ['actorId', 'sendAt'])
@Index('IDX_scheduled_sends_document', ['documentId'])
@Index('IDX_scheduled_sends_bulk', ['bulkId'], { where: '"bulk_id" IS NOT NULL' })
export class ScheduledSend {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'document_number', type: 'varchar', length: 24 })
  documentNumber: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'sender_id', type: 'uuid' })
  senderId: string;

  @Column({ type: 'jsonb' })
  request: SendEmailRequest;

  /** The PDF as it was when scheduled (null: sent without it). Read only by the worker. */
  @Column({ type: 'bytea', nullable: true, select: false })
  pdf: Buffer | null;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt: Date;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 10, default: 'scheduled' })
  status: OutboxStatus;

  /** Raised when a send starts; also names its idempotency key, so a worker that died mid-send replays, never resends. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** The bulk send it is part of (null: one scheduled from the Send dialog). */
  @Column({ name: 'bulk_id', type: 'uuid', nullable: true })
  bulkId: string | null;

  /**
   * The path fixed when it was scheduled: the sender's mailbox of that `mailboxIdentity`, or the company account. It
   * goes out that way or not at all (MAILBOX_CHANGED). Null on sends scheduled before paths were kept.
   */
  @Column({ name: 'send_path', type: 'varchar', length: 8, nullable: true })
  sendPath: 'mailbox' | 'company' | null;

  @Column({ name: 'mailbox_identity', type: 'int', nullable: true })
  mailboxIdentity: number | null;

  /** The API key it was scheduled with (null: from the web app or a signed-in session). */
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  @Column({ name: 'api_key_name', type: 'varchar', length: 100, nullable: true })
  apiKeyName: string | null;

  @Column({ name: 'email_message_id', type: 'uuid', nullable: true })
  emailMessageId: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** The columns that keep a send's path (see ScheduledSend.sendPath). */
export function pathColumns(path: SendPath): Pick<ScheduledSend, 'sendPath' | 'mailboxIdentity'> {
  return path.via === 'mailbox' ? { sendPath: 'mailbox', mailboxIdentity: path.mailboxIdentity } : { sendPath: 'company', mailboxIdentity: null };
}

/** The path a send was scheduled for, or none (scheduled before paths were kept: not checked). */
export function pathOf(send: Pick<ScheduledSend, 'sendPath' | 'mailboxIdentity'>): SendPath | undefined {
  if (send.sendPath === 'mailbox' && send.mailboxIdentity !== null) return { via: 'mailbox', mailboxIdentity: send.mailboxIdentity };
  return send.sendPath === 'company' ? { via: 'company' } : undefined;
}
