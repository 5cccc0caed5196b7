import type { ContactLanguage } from '@sendas/contracts';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Company } from './company.entity';

@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @ManyToOne(() => Company, (company) => company.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company>;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** How emails address them; empty: by their full name. */
  @Column({ name: 'greeting_name', type: 'varchar', length: 120, default: '' })
  greetingName: string;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  language: ContactLanguage;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120, default: '' })
  title: string;

  /** Preselected as recipient of quotes and contracts; at most one active primary per company (unique index). */
  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary: boolean;

  /** Preselected as recipient of invoices. */
  @Column({ name: 'is_billing', type: 'boolean', default: false })
  isBilling: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
