import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrganisationSettingsDto, OrganisationSettingsInput } from '@sendas/contracts';
import { AuditLog } from '../audit';
import { type AuthUser, isUniqueViolation } from '../common';
import { Env } from '../config';
import { OrganisationSettingsRow } from './organisation-settings.entity';

/** The audit log's subject for the organisation's settings: there is one, so one fixed id. */
export const ORGANISATION_SUBJECT = { subjectType: 'organisation', subjectId: '00000000-0000-0000-0000-000000000001' } as const;

const WORKING_WEEK_DEFAULT = [1, 2, 3, 4, 5] as const;

/**
 * The organisation's settings: a row in the database that superusers edit, started at the first boot from
 * ORG_TIME_ZONE (the demo's default is Asia/Bangkok). Read where they are needed, not cached: nothing hot reads them.
 */
@Injectable()
export class OrganisationSettings implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(OrganisationSettingsRow) private readonly rows: Repository<OrganisationSettingsRow>,
    private readonly audit: AuditLog,
    private readonly config: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.row();
  }

  async get(): Promise<OrganisationSettingsDto> {
    return toDto(await this.row());
  }

  /** The zone a new user starts in. */
  async timeZone(): Promise<string> {
    return (await this.row()).timeZone;
  }

  async update(input: OrganisationSettingsInput, actor: AuthUser): Promise<OrganisationSettingsDto> {
    const before = await this.row();
    const workingDays = [...new Set(input.workingDays)].sort();
    await this.rows.manager.transaction(async (manager) => {
      await manager.update(
        OrganisationSettingsRow,
        { id: 1 },
        { timeZone: input.timeZone, workingDays, updatedAt: new Date(), updatedById: actor.id, updatedByName: actor.name },
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'organisation.updated',
          ...ORGANISATION_SUBJECT,
          details: { timeZone: [before.timeZone, input.timeZone], workingDays: [before.workingDays, workingDays] },
        },
        manager,
      );
    });
    return this.get();
  }

  /** The row, written with the start-up defaults when there is none yet (two instances starting together write one). */
  private async row(): Promise<OrganisationSettingsRow> {
    const existing = await this.rows.findOneBy({ id: 1 });
    if (existing) return existing;
    try {
      await this.rows.insert({ id: 1, timeZone: this.config.ORG_TIME_ZONE, workingDays: [...WORKING_WEEK_DEFAULT] });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return this.rows.findOneByOrFail({ id: 1 });
  }
}

function toDto(row: OrganisationSettingsRow): OrganisationSettingsDto {
  return {
    timeZone: row.timeZone,
    workingDays: row.workingDays.map(Number) as OrganisationSettingsDto['workingDays'],
    updatedAt: row.updatedAt?.toISOString() ?? null,
    updatedBy: row.updatedById && row.updatedByName ? { id: row.updatedById, name: row.updatedByName } : null,
  };
}
