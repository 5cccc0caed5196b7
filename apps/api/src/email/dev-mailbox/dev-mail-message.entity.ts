import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A message the dev mail catcher received, kept whole (raw MIME) for the Dev mailbox. */
@Entity('dev_mail_messages')
@Index('IX_dev_mail_messages_received', ['receivedAt'])
export class DevMailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** The SMTP account that sent it (AUTH username). */
  @Column({ name: 'auth_user', type: 'varchar', length: 254 })
  authUser: string;

  @Column({ name: 'envelope_from', type: 'varchar', length: 254 })
  envelopeFrom: string;

  @Column({ name: 'envelope_to', type: 'text', array: true })
  envelopeTo: string[];

  /** The addresses of the To header: what recipients see (the envelope also holds cc and bcc). */
  @Column({ name: 'to_header', type: 'text', array: true })
  toHeader: string[];

  @Column({ name: 'from_header', type: 'text', default: '' })
  fromHeader: string;

  @Column({ type: 'text', default: '' })
  subject: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'text' })
  raw: string;
}
