import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { type DocumentType, ErrorCode, hasAdminRights, type ScheduledSendDto, type ScheduledSendPage } from '@sendas/contracts';
import { AppException, type AuthUser, NotFoundError } from '../common';
import { DocumentsService } from '../documents';
import { EmailSender } from '../email';
import { UsersService } from '../users';
import type { OutboxQueryDto, RescheduleSendDto, ScheduleSendDto } from './dto/outbox.dto';
import { JobQueue } from './job-queue';
import { pathColumns, ScheduledSend } from './scheduled-send.entity';
import { sendAtInstant } from './send-at';

/**
 * Send later: the message as approved is kept with its PDF and a job queued for its time; until the job starts
 * it can be cancelled or moved. Who may see one: who scheduled it, whose mailbox it goes through, and admins.
 */
@Injectable()
export class Outbox {
  constructor(
    @InjectRepository(ScheduledSend) private readonly sends: Repository<ScheduledSend>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly queue: JobQueue,
  ) {}

  /** Scheduled with an API key (the actor's), it goes out under that key only while the key is valid. */
  async schedule(type: DocumentType, documentId: string, dto: ScheduleSendDto, actor: AuthUser): Promise<ScheduledSendDto> {
    const { sendAt: localSendAt, timeZone, pendingSends, ...request } = dto;
    const sendAt = sendAtInstant(localSendAt, timeZone);
    const approved = await this.sender.approve(type, documentId, request, actor);
    await this.sender.settlePending(type, documentId, approved.documentNumber, pendingSends, 'schedule');
    const { id } = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(ScheduledSend).save(
        manager.getRepository(ScheduledSend).create({
          documentType: type,
          documentId,
          documentNumber: approved.documentNumber,
          actorId: actor.id,
          senderId: approved.sender.id,
          request,
          pdf: approved.pdf,
          ...pathColumns(approved.path),
          sendAt,
          timeZone,
          apiKeyId: actor.apiKey?.id ?? null,
          apiKeyName: actor.apiKey?.name ?? null,
        }),
      );
      await this.queue.send({ scheduledSendId: row.id }, sendAt, manager);
      return row;
    });
    return this.get(id, actor);
  }

  async list(query: OutboxQueryDto, actor: AuthUser): Promise<ScheduledSendPage> {
    if (query.scope === 'all' && !hasAdminRights(actor.role)) {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, "Only admins and superusers see everyone's scheduled sends.");
    }
    const filters: FindOptionsWhere<ScheduledSend> = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.documentId ? { documentId: query.documentId } : {}),
    };
    const [rows, total] = await this.sends.findAndCount({
      // `mine`: scheduled by the actor or going through their mailbox
      where:
        query.scope === 'all'
          ? filters
          : [
              { ...filters, actorId: actor.id },
              { ...filters, senderId: actor.id },
            ],
      order: { sendAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: await this.toDtos(rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** The scheduled sends of one document, for everyone who may see the document (its history). */
  async forDocument(type: DocumentType, documentId: string, actor: AuthUser): Promise<ScheduledSendDto[]> {
    await this.documents.detail(type, documentId, actor);
    const rows = await this.sends.find({ where: { documentType: type, documentId }, order: { sendAt: 'DESC' } });
    return this.toDtos(rows);
  }

  async get(id: string, actor: AuthUser): Promise<ScheduledSendDto> {
    const [dto] = await this.toDtos([await this.visible(id, actor)]);
    return dto;
  }

  /** Cancels a send that has not started; one that has (or is over) is a 409 naming what it is. */
  async cancel(id: string, actor: AuthUser): Promise<ScheduledSendDto> {
    const row = await this.visible(id, actor);
    const { affected } = await this.sends.update({ id, status: 'scheduled' }, { status: 'cancelled' });
    if (!affected) throw this.alreadyStarted(row, 'cancelled');
    return this.get(id, actor);
  }

  /** Moves a send that has not started; a job is queued for the new time (one for the old time finds nothing due). */
  async reschedule(id: string, dto: RescheduleSendDto, actor: AuthUser): Promise<ScheduledSendDto> {
    const row = await this.visible(id, actor);
    const sendAt = sendAtInstant(dto.sendAt, dto.timeZone);
    const moved = await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.getRepository(ScheduledSend).update({ id, status: 'scheduled' }, { sendAt, timeZone: dto.timeZone });
      if (!affected) return false;
      await this.queue.send({ scheduledSendId: id }, sendAt, manager);
      return true;
    });
    if (!moved) throw this.alreadyStarted(row, 'rescheduled');
    return this.get(id, actor);
  }

  private async visible(id: string, actor: AuthUser): Promise<ScheduledSend> {
    const row = await this.sends.findOneBy({ id });
    if (!row || (row.actorId !== actor.id && row.senderId !== actor.id && !hasAdminRights(actor.role))) {
      throw new NotFoundError(ErrorCode.OUTBOX_NOT_FOUND, `No scheduled send ${id} that you may see.`);
    }
    return row;
  }

  private alreadyStarted(row: ScheduledSend, change: string): AppException {
    return new AppException(
      ErrorCode.OUTBOX_ALREADY_STARTED,
      `The send of ${row.documentNumber} cannot be ${change} any more: it is ${row.status === 'scheduled' ? 'starting' : row.status} now.`,
    );
  }

  /** Scheduled sends as the API shows them (names of who scheduled them and whose mailbox they use). */
  async toDtos(rows: ScheduledSend[]): Promise<ScheduledSendDto[]> {
    const names = await this.users.namesOf([...new Set(rows.flatMap((row) => [row.actorId, row.senderId]))]);
    const person = (id: string) => ({ id, name: names.get(id) ?? 'Deleted user' });
    return rows.map((row) => ({
      id: row.id,
      documentType: row.documentType,
      documentId: row.documentId,
      documentNumber: row.documentNumber,
      actor: person(row.actorId),
      apiKey: row.apiKeyName,
      sender: person(row.senderId),
      to: row.request.recipients,
      cc: row.request.cc ?? [],
      subject: row.request.subject,
      sendAt: row.sendAt.toISOString(),
      timeZone: row.timeZone,
      status: row.status,
      attempts: row.attempts,
      emailId: row.emailMessageId,
      error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }
}
