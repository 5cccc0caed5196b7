import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  type BulkSendDto,
  DOCUMENT_LABELS,
  ErrorCode,
  hasAdminRights,
  MAX_BULK_DOCUMENTS,
  OUTBOX_STATUSES,
  type OutboxStatus,
  type SendEmailRequest,
} from '@sendas/contracts';
import type { RequestApiKey } from '../common/api-key-authentication';
import { csvField } from '../common/csv';
import { AppException, ConflictError, FieldValidationError, NotFoundError } from '../common/app.exception';
import type { Env } from '../config/env.validation';
import { DocumentsService } from '../documents/documents.service';
import { EmailSender, type SendPath } from '../email/email-sender.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { BulkSend } from './bulk-send.entity';
import type { BulkSendInput } from './dto/outbox.dto';
import { JobQueue } from './job-queue';
import { Outbox } from './outbox.service';
import { pathColumns, ScheduledSend } from './scheduled-send.entity';

interface Prepared {
  documentId: string;
  documentNumber: string;
  request: SendEmailRequest;
  sender: User;
  pdf: Buffer | null;
  path: SendPath;
  /** Between two sends through the sender's mailbox; 0: not paced. */
  msApart: number;
}


/**
 * Send many: every document to its preselected contacts with its template, as scheduled sends of one bulk send,
 * checked whole before anything is queued (access, recipients, each mailbox's daily allowance), then paced per
 * mailbox (its messages a minute; the company account: `OUTBOX_PACE_PER_MINUTE`) so a long run does not trip the
 * provider. A run continues after what the mailbox already has queued, so two runs together keep the pace.
 */
@Injectable()
export class BulkSends {
  constructor(
    @InjectRepository(BulkSend) private readonly bulks: Repository<BulkSend>,
    @InjectRepository(ScheduledSend) private readonly sends: Repository<ScheduledSend>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly outbox: Outbox,
    private readonly queue: JobQueue,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async create(dto: BulkSendInput, actor: User, apiKey?: RequestApiKey): Promise<BulkSendDto> {
    const mode = dto.sender ?? 'me';
    if (mode === 'owner' && !hasAdminRights(actor.role)) {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, "Only admins and superusers can send from each document owner's mailbox.");
    }
    const prepared: Prepared[] = [];
    const remaining = new Map<string, number>();
    for (const documentId of await this.selected(dto, actor)) {
      const document = await this.documents.detail(dto.documentType, documentId, actor);
      if (!document.canEdit) {
        throw new AppException(ErrorCode.DOCUMENT_READ_ONLY, `You may read ${document.number} but not send it. Nothing was queued.`);
      }
      const onBehalfOfUserId = mode === 'owner' && document.owner.id !== actor.id ? document.owner.id : undefined;
      const draft = await this.sender.draft(dto.documentType, documentId, actor, onBehalfOfUserId);
      const recipients = draft.recipients.filter((recipient) => recipient.preselected).map((recipient) => recipient.email);
      if (!recipients.length) {
        throw new AppException(
          ErrorCode.BULK_NO_RECIPIENTS,
          `${document.number} (${document.company.name}) has no primary or billing contact with an email address: add one, or leave it out. Nothing was queued.`,
          [{ field: 'documentIds', messages: [`${document.number} has no contact to send to`] }],
        );
      }
      const request: SendEmailRequest = { recipients, subject: draft.subject, body: draft.body, attachPdf: true, ...(onBehalfOfUserId ? { onBehalfOfUserId } : {}) };
      const approved = await this.sender.approve(dto.documentType, documentId, request, actor);
      if (draft.usage) remaining.set(approved.sender.id, draft.usage.remaining);
      const perMinute = approved.sendsPerMinute ?? this.config.get('OUTBOX_PACE_PER_MINUTE', { infer: true });
      const msApart = perMinute > 0 ? 60_000 / perMinute : 0;
      prepared.push({ documentId, documentNumber: document.number, request, sender: approved.sender, pdf: approved.pdf, path: approved.path, msApart });
    }
    await this.assertWithinDailyLimits(prepared, remaining);

    const { id } = await this.dataSource.transaction(async (manager) => {
      const bulk = await manager.getRepository(BulkSend).save(manager.getRepository(BulkSend).create({ documentType: dto.documentType, actorId: actor.id, senderMode: mode }));
      const nextSlot = new Map<string, number>();
      for (const item of prepared) {
        const slot = nextSlot.get(item.sender.id) ?? (await this.firstSlot(manager, item.sender.id, item.msApart));
        nextSlot.set(item.sender.id, slot + item.msApart);
        const sendAt = new Date(slot);
        const row = await manager.getRepository(ScheduledSend).save(
          manager.getRepository(ScheduledSend).create({
            documentType: dto.documentType,
            documentId: item.documentId,
            documentNumber: item.documentNumber,
            actorId: actor.id,
            senderId: item.sender.id,
            request: item.request,
            pdf: item.pdf,
            ...pathColumns(item.path),
            sendAt,
            timeZone: actor.timeZone,
            bulkId: bulk.id,
            apiKeyId: apiKey?.id ?? null,
            apiKeyName: apiKey?.name ?? null,
          }),
        );
        await this.queue.send({ scheduledSendId: row.id }, sendAt, manager);
      }
      return bulk;
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: User): Promise<BulkSendDto> {
    const bulk = await this.visible(id, actor);
    const rows = await this.sends.find({ where: { bulkId: id }, order: { sendAt: 'ASC', documentNumber: 'ASC' } });
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
    for (const row of rows) counts[row.status] += 1;
    const names = await this.users.namesOf([bulk.actorId]);
    return {
      id: bulk.id,
      documentType: bulk.documentType,
      actor: { id: bulk.actorId, name: names.get(bulk.actorId) ?? 'Deleted user' },
      sender: bulk.senderMode,
      total: rows.length,
      counts,
      items: await this.outbox.toDtos(rows),
      createdAt: bulk.createdAt.toISOString(),
    };
  }

  /** Cancels every send of the bulk send that has not started; the others finish. */
  async cancelRest(id: string, actor: User): Promise<BulkSendDto> {
    await this.visible(id, actor);
    const { affected } = await this.sends.update({ bulkId: id, status: 'scheduled' }, { status: 'cancelled' });
    if (!affected) {
      throw new ConflictError(ErrorCode.OUTBOX_ALREADY_STARTED, 'Nothing is left to cancel: every send of this run has started, ended or been cancelled.');
    }
    return this.get(id, actor);
  }

  /** The outcome per document, as CSV for a spreadsheet. */
  async csv(id: string, actor: User): Promise<string> {
    const bulk = await this.get(id, actor);
    const header = ['document', 'to', 'status', 'send at', 'email id', 'error code', 'error'];
    const lines = bulk.items.map((item) =>
      [item.documentNumber, item.to.join(' '), item.status, item.sendAt, item.emailId ?? '', item.error?.code ?? '', item.error?.message ?? ''].map(csvField).join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  /** The documents named, or every one in the status given that the actor may send. */
  private async selected(dto: BulkSendInput, actor: User): Promise<string[]> {
    if (dto.documentIds && dto.status) throw FieldValidationError.of('status', 'Give documentIds or status, not both.');
    if (dto.documentIds) return [...new Set(dto.documentIds)];
    const label = `${DOCUMENT_LABELS[dto.documentType].toLowerCase()}s`;
    const ids = await this.documents.writableIds(dto.documentType, dto.status!, actor, MAX_BULK_DOCUMENTS + 1);
    if (!ids.length) throw FieldValidationError.of('status', `There are no ${dto.status} ${label} that you may send. Nothing was queued.`);
    if (ids.length > MAX_BULK_DOCUMENTS) {
      throw FieldValidationError.of('status', `More than ${MAX_BULK_DOCUMENTS} ${dto.status} ${label}: pick up to ${MAX_BULK_DOCUMENTS} in the list. Nothing was queued.`);
    }
    return ids;
  }

  /** A second from now, or one pace after the last send the sender's mailbox already has queued. */
  private async firstSlot(manager: EntityManager, senderId: string, msApart: number): Promise<number> {
    const soon = Date.now() + 1000;
    if (!msApart) return soon;
    const [{ last }] = await manager.query<Array<{ last: Date | null }>>(
      // only what is due within a day: a send-later months away must not hold a run until then
      `SELECT max(send_at) AS last FROM scheduled_sends WHERE sender_id = $1 AND status = 'scheduled' AND send_at < now() + interval '24 hours'`,
      [senderId],
    );
    return last ? Math.max(soon, last.getTime() + msApart) : soon;
  }

  /**
   * A bulk send may not take a mailbox past what it may still send today, counting what the mailbox already has queued
   * for the next 24 hours (the company account has no such limit).
   */
  private async assertWithinDailyLimits(prepared: Prepared[], remaining: Map<string, number>): Promise<void> {
    const queued = new Map<string, number>();
    if (remaining.size) {
      const rows = await this.sends.query<Array<{ sender_id: string; queued: number }>>(
        `SELECT sender_id, count(*)::int AS queued FROM scheduled_sends
         WHERE sender_id = ANY($1) AND status IN ('scheduled', 'sending') AND send_at < now() + interval '24 hours'
         GROUP BY sender_id`,
        [[...remaining.keys()]],
      );
      for (const row of rows) queued.set(row.sender_id, row.queued);
    }
    const perSender = new Map<string, { sender: User; count: number }>();
    for (const item of prepared) {
      const entry = perSender.get(item.sender.id) ?? { sender: item.sender, count: 0 };
      entry.count += 1;
      perSender.set(item.sender.id, entry);
    }
    for (const [senderId, { sender, count }] of perSender) {
      const waiting = queued.get(senderId) ?? 0;
      const left = remaining.has(senderId) ? Math.max(0, remaining.get(senderId)! - waiting) : undefined;
      if (left !== undefined && count > left) {
        throw new AppException(
          ErrorCode.BULK_OVER_DAILY_LIMIT,
          `${sender.name}'s mailbox may send ${left} more message${left === 1 ? '' : 's'} in the current 24 hours` +
            `${waiting ? ` after the ${waiting} already queued` : ''}, and this would be ${count}: send fewer, or the rest later. Nothing was queued.`,
        );
      }
    }
  }

  private async visible(id: string, actor: User): Promise<BulkSend> {
    const bulk = await this.bulks.findOneBy({ id });
    if (!bulk || (bulk.actorId !== actor.id && !hasAdminRights(actor.role))) {
      throw new NotFoundError(ErrorCode.BULK_NOT_FOUND, `No bulk send ${id} that you may see.`);
    }
    return bulk;
  }
}
