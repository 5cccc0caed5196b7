import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentType } from '@sendas/contracts';

/** Send many: who started it, for which document type, from whose mailboxes; its sends are scheduled sends. */
@Entity('bulk_sends')
export class BulkSend {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'sender_mode', type: 'varchar', length: 8 })
  senderMode: 'me' | 'owner';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
