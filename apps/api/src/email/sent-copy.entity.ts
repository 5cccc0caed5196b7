import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A copy still to be saved to its sender's Sent folder, with the exact bytes that were sent. The row goes once
 * the copy is saved or has failed for good; the outcome stays on the send (`email_messages.sent_copy_*`).
 */
@Entity('sent_copies')
export class SentCopy {
  @PrimaryColumn({ name: 'email_message_id', type: 'uuid' })
  emailMessageId: string;

  @Column({ type: 'bytea' })
  raw: Buffer;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** An instance is saving it until then; after that (the instance died) anyone may try again. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
