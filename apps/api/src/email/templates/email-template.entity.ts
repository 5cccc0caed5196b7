import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ContactLanguage, DocumentType } from '@sendas/contracts';
import { User } from '../../users';

/** The wording the Send dialog starts from, per document type and language; edited by admins and superusers. */
@Entity('email_templates')
@Unique('UQ_email_templates_type_language', ['documentType', 'language'])
export class EmailTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'document_type', type: 'varchar', length: 16 })
  documentType: DocumentType;

  @Column({ type: 'varchar', length: 2 })
  language: ContactLanguage;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'updated_by_id' })
  updatedBy?: User | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
