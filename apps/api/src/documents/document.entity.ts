import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentStatus, DocumentType, LastSendProblem } from '@sendas/contracts';
import { User } from '../users';
import { Company } from './companies/company.entity';
import { DocumentLine } from './document-line.entity';

/**
 * Quotes, contracts and invoices share one table: one list query, one access rule, one set of indexes.
 * Money columns are numeric and read as strings; arithmetic happens in decimal.js, never in floats.
 */
@Entity('documents')
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  type: DocumentType;

  /** Q-2026-0001: prefix, year of issue, gap-free sequence per type and year. */
  @Column({ type: 'varchar', length: 24, unique: true })
  number: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Company;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ type: 'varchar', length: 16 })
  status: DocumentStatus;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  subtotal: string;

  @Column({ name: 'tax_total', type: 'numeric', precision: 14, scale: 2 })
  taxTotal: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  total: string;

  /** Lower-cased number and company name, trigram-indexed for `q`. */
  @Column({ name: 'search_text', type: 'text', select: false })
  searchText: string;

  @OneToMany(() => DocumentLine, (line) => line.document, { cascade: ['insert'] })
  lines?: DocumentLine[];

  /** Kept by the database (migration DocumentLastSendProblem), read by the list and detail statements; never written here. */
  @Column({ name: 'last_send_problem', type: 'jsonb', nullable: true, select: false, insert: false, update: false })
  lastSendProblem: LastSendProblem | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
