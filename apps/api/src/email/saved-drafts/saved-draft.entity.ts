import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentType } from '@sendas/contracts';

/** What a person typed in the Send dialog of a document and has not sent: one per person and document. */
@Entity('email_drafts')
export class SavedDraft {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'document_type', type: 'varchar', length: 16 })
  documentType: DocumentType;

  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** The contacts ticked and the addresses added: { selected, extra, cc, bcc }. */
  @Column({ type: 'jsonb' })
  recipients: { selected: string[]; extra: string[]; cc: string[]; bcc: string[] };

  @Column({ name: 'on_behalf_of_user_id', type: 'uuid', nullable: true })
  onBehalfOfUserId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
