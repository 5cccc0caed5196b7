import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Weekday } from '@sendas/contracts';

/** The one row of the organisation's settings (migration Organisation keeps it to one: `id` is always 1). */
@Entity('organisation_settings')
export class OrganisationSettingsRow {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ name: 'working_days', type: 'smallint', array: true })
  workingDays: Weekday[];

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt: Date | null;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById: string | null;

  @Column({ name: 'updated_by_name', type: 'varchar', length: 120, nullable: true })
  updatedByName: string | null;
}
