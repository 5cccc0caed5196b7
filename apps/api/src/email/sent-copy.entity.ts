import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { EmailMessage } from './email-message.entity';

/**
 * A copy still to be saved to its sender's Sent folder, with the exact bytes that were sent. The row goes once
 * the copy is saved or has failed for good; the outcome stays on the send (`email_messages.sent_copy_*`).
 */
@Entity('sent_copies')
@Index('IDX_sent_copies_due', ['nextAttemptAt'])
export class SentCopy {
  @PrimaryColumn({ name: 'email_message_id', type: 'uuid' })
  emailMessageId: string;

  @OneToOne(() => EmailMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'email_message_id' })
  emailMessage?: EmailMessage;

  @Column({ type: 'bytea' })
  raw: Buffer;

  /** `user@host:port` of the IMAP account when it was sent: a mailbox pointed elsewhere since gets no copy. */
  @Column({ name: 'imap_account', type: 'text' })
  imapAccount: string;

  /** Also the claim's token: each attempt raises it, and only the attempt holding that number writes the outcome. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** The instance that queued it (or took it over): it retries the copy; the others only once it is well overdue. */
  @Column({ name: 'queued_by', type: 'uuid', nullable: true })
  queuedBy: string | null;

  /** An instance is saving it until then; after that (the instance died) anyone may try again. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
