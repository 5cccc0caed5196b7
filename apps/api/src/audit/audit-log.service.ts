import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditLog {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records an event; pass the transaction's manager to write it in the same transaction as the change. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEvent) : this.events;
    await repository.save(repository.create({ ...entry, details: entry.details ?? {} }));
  }

  history(subjectType: string, subjectId: string, limit = 50): Promise<AuditEvent[]> {
    return this.events.find({
      where: { subjectType, subjectId },
      order: { occurredAt: 'DESC' },
      take: limit,
    });
  }
}
