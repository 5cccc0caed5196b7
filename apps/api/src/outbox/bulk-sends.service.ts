import { TZDate } from '@date-fns/tz';
import { Injectable } from '@nestjs/common';
import { format } from 'date-fns';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  type ApiError,
  type BulkPreviewItem,
  type BulkSendDto,
  type BulkSendPreview,
  type DocumentDetailDto,
  type DocumentType,
  DOCUMENT_LABELS,
  ErrorCode,
  hasAdminRights,
  MAX_BULK_DOCUMENTS,
  OUTBOX_STATUSES,
  type OutboxStatus,
  type SendEmailRequest,
} from '@sendas/contracts';
import { AppException, type AuthUser, ConflictError, csvField, FieldValidationError, NotFoundError } from '../common';
import { Env } from '../config';
import { preparedStatement, PreparedStatements } from '../database';
import { DocumentsService } from '../documents';
import { type ComposedDraft, EmailSender, type SendPath } from '../email';
import { UsersService } from '../users';
import { BulkSend } from './bulk-send.entity';
import type { BulkSendInput } from './dto/outbox.dto';
import { JobQueue } from './job-queue';
import { Outbox } from './outbox.service';
import { pathColumns, ScheduledSend } from './scheduled-send.entity';

/** One document as a run would send it: to whom, from which mailbox, and what stops it (null: nothing). */
interface Look {
  document: DocumentDetailDto;
  onBehalfOfUserId: string | undefined;
  /** Null when the draft itself could not be made (then `problem` says why). */
  draft: ComposedDraft | null;
  /** The draft's preselected contacts. */
  recipients: string[];
  problem: (ApiError & { error: AppException }) | null;
}

interface Prepared {
  documentId: string;
  documentNumber: string;
  request: SendEmailRequest;
  sender: AuthUser;
  pdf: Buffer | null;
  path: SendPath;
  /** Between two sends through the sender's mailbox; 0: not paced. */
  msApart: number;
}

/** When each document of $2 was last sent, with its number; `unknown` (it may have been delivered) counts as sent. */
const LAST_SENT = preparedStatement(
  'bulk_last_sent',
  `SELECT document_id, max(document_number) AS number, max(created_at) AS at FROM email_messages
   WHERE document_type = $1 AND document_id = ANY($2::uuid[]) AND status IN ('sent', 'unknown') GROUP BY document_id`,
);

/** The last send the mailbox has queued, of those due within a day: a send-later months away must not hold a run until then. */
const LAST_QUEUED = preparedStatement(
  'bulk_last_queued',
  `SELECT max(send_at) AS last FROM scheduled_sends WHERE sender_id = $1 AND status = 'scheduled' AND send_at < now() + interval '24 hours'`,
);

const QUEUED_TODAY = preparedStatement(
  'bulk_queued_today',
  `SELECT sender_id, count(*)::int AS queued FROM scheduled_sends
   WHERE sender_id = ANY($1) AND status IN ('scheduled', 'sending') AND send_at < now() + interval '24 hours'
   GROUP BY sender_id`,
);

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
    private readonly statements: PreparedStatements,
    private readonly sender: EmailSender,
    private readonly documents: DocumentsService,
    private readonly users: UsersService,
    private readonly outbox: Outbox,
    private readonly queue: JobQueue,
    private readonly config: Env,
  ) {}

  /** What the run would do, document by document: recipients, mailbox, when it was last sent, and what stops it. */
  async preview(dto: BulkSendInput, actor: AuthUser): Promise<BulkSendPreview> {
    const mode = this.modeOf(dto, actor);
    const ids = await this.selected(dto, actor);
    const lastSent = await this.lastSentOf(dto.documentType, ids);
    const items: BulkPreviewItem[] = [];
    for (const documentId of ids) {
      const look = await this.look(dto.documentType, documentId, mode, actor);
      items.push({
        documentId,
        documentNumber: look.document.number,
        companyName: look.document.company.name,
        to: look.recipients,
        from: look.draft?.from ?? { name: '', email: '', via: 'user' },
        lastSentAt: lastSent.get(documentId)?.at.toISOString() ?? null,
        problem: look.problem && { code: look.problem.code, message: look.problem.message },
      });
    }
    return { documentType: dto.documentType, items, alreadySent: items.filter((item) => item.lastSentAt).length };
  }

  async create(dto: BulkSendInput, actor: AuthUser): Promise<BulkSendDto> {
    const mode = this.modeOf(dto, actor);
    const ids = await this.withoutAlreadySent(dto, await this.selected(dto, actor));
    const prepared: Prepared[] = [];
    const remaining = new Map<string, number>();
    for (const documentId of ids) {
      const { document, recipients, problem, onBehalfOfUserId, draft } = await this.look(dto.documentType, documentId, mode, actor);
      if (problem) throw problem.error;
      const { subject, body, usage } = draft!; // a look without a problem has its draft
      const request: SendEmailRequest = { recipients, subject, body, attachPdf: true, ...(onBehalfOfUserId ? { onBehalfOfUserId } : {}) };
      const approved = await this.sender.approve(dto.documentType, documentId, request, actor);
      if (usage) remaining.set(approved.sender.id, usage.remaining);
      const perMinute = approved.sendsPerMinute ?? this.config.OUTBOX_PACE_PER_MINUTE;
      const msApart = perMinute > 0 ? 60_000 / perMinute : 0;
      prepared.push({ documentId, documentNumber: document.number, request, sender: approved.sender, pdf: approved.pdf, path: approved.path, msApart });
    }
    await this.assertWithinDailyLimits(prepared, remaining);

    const { id } = await this.dataSource.transaction(async (manager) => {
      const bulk = await manager
        .getRepository(BulkSend)
        .save(manager.getRepository(BulkSend).create({ documentType: dto.documentType, actorId: actor.id, senderMode: mode }));
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
            apiKeyId: actor.apiKey?.id ?? null,
            apiKeyName: actor.apiKey?.name ?? null,
          }),
        );
        await this.queue.send({ scheduledSendId: row.id }, sendAt, manager);
      }
      return bulk;
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: AuthUser): Promise<BulkSendDto> {
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
  async cancelRest(id: string, actor: AuthUser): Promise<BulkSendDto> {
    await this.visible(id, actor);
    const { affected } = await this.sends.update({ bulkId: id, status: 'scheduled' }, { status: 'cancelled' });
    if (!affected) {
      throw new ConflictError(ErrorCode.OUTBOX_ALREADY_STARTED, 'Nothing is left to cancel: every send of this run has started, ended or been cancelled.');
    }
    return this.get(id, actor);
  }

  /** The outcome per document, as CSV for a spreadsheet; times in ISO 8601 with the reader's offset ("2026-12-09T09:00:00+07:00"). */
  async csv(id: string, actor: AuthUser): Promise<string> {
    const local = (instant: string) => format(new TZDate(new Date(instant), actor.timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX");
    const bulk = await this.get(id, actor);
    const header = ['document', 'to', 'status', 'send at', 'email id', 'error code', 'error'];
    const lines = bulk.items.map((item) =>
      [item.documentNumber, item.to.join(' '), item.status, local(item.sendAt), item.emailId ?? '', item.error?.code ?? '', item.error?.message ?? '']
        .map(csvField)
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  private modeOf(dto: BulkSendInput, actor: AuthUser): 'me' | 'owner' {
    const mode = dto.sender ?? 'me';
    if (mode === 'owner' && !hasAdminRights(actor.role)) {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, "Only admins and superusers can send from each document owner's mailbox.");
    }
    return mode;
  }

  /**
   * One document as the run would send it. What stops this document alone (read-only, no contact, a template that
   * cannot be filled, a mailbox to reconnect) is returned as its problem: the preview shows it, a run refuses it.
   */
  private async look(type: DocumentType, documentId: string, mode: 'me' | 'owner', actor: AuthUser): Promise<Look> {
    const document = await this.documents.detail(type, documentId, actor);
    const onBehalfOfUserId = mode === 'owner' && document.owner.id !== actor.id ? document.owner.id : undefined;
    const look: Look = { document, onBehalfOfUserId, draft: null, recipients: [], problem: null };
    const fail = (error: AppException): Look => ({ ...look, problem: { error, ...(error.getResponse() as ApiError) } });
    if (!document.canEdit) return fail(new AppException(ErrorCode.DOCUMENT_READ_ONLY, `You may read ${document.number} but not send it. Nothing was queued.`));
    let draft: ComposedDraft;
    try {
      draft = await this.sender.draft(type, documentId, actor, onBehalfOfUserId);
    } catch (error) {
      if (error instanceof AppException) return fail(error);
      throw error;
    }
    look.draft = draft;
    look.recipients = draft.recipients.filter((recipient) => recipient.preselected).map((recipient) => recipient.email);
    if (draft.templateProblem) {
      // a person reads the built-in wording in the Send dialog; a run of many is not sent with it unseen
      const { language } = draft.templateProblem;
      return fail(
        new AppException(
          ErrorCode.TEMPLATE_UNUSABLE,
          `${document.number}: the ${type} email template (${language}) cannot be filled. A superuser can fix it under Email templates. Nothing was queued.`,
          { documentType: type, language },
        ),
      );
    }
    if (!look.recipients.length) {
      return fail(
        new AppException(
          ErrorCode.BULK_NO_RECIPIENTS,
          `${document.number} (${document.company.name}) has no primary or billing contact with an email address: add one, or leave it out. Nothing was queued.`,
          [{ field: 'documentIds', messages: [`${document.number} has no contact to send to`] }],
        ),
      );
    }
    return look;
  }

  /**
   * When each document was last sent, with its number (documents never sent are absent). A send that may have been
   * delivered (`unknown`) counts: sending it again unasked could be the duplicate.
   */
  private async lastSentOf(type: DocumentType, ids: string[]): Promise<Map<string, { at: Date; number: string }>> {
    const rows = await this.statements.run<{ document_id: string; number: string; at: Date }>(LAST_SENT, [type, ids]);
    return new Map(rows.map((row) => [row.document_id, { at: row.at, number: row.number }]));
  }

  /** Documents sent before go only when the request says so; without a word the run is refused, naming them. */
  private async withoutAlreadySent(dto: BulkSendInput, ids: string[]): Promise<string[]> {
    if (dto.alreadySent === 'include') return ids;
    const lastSent = await this.lastSentOf(dto.documentType, ids);
    if (!lastSent.size) return ids;
    if (dto.alreadySent === 'skip') {
      const rest = ids.filter((id) => !lastSent.has(id));
      if (!rest.length)
        throw FieldValidationError.of(
          'alreadySent',
          `Every one of these ${dto.documentType}s was sent before, and alreadySent says to leave those out. Nothing was queued.`,
        );
      return rest;
    }
    const documents = [...lastSent].map(([id, { at, number }]) => ({ id, number, lastSentAt: at.toISOString() }));
    const named =
      documents
        .slice(0, 5)
        .map((document) => document.number)
        .join(', ') + (documents.length > 5 ? ` and ${documents.length - 5} more` : '');
    throw new AppException(
      ErrorCode.BULK_ALREADY_SENT,
      `${documents.length} of these ${dto.documentType}s ${documents.length === 1 ? 'was' : 'were'} sent before (${named}): say alreadySent "skip" to leave ${documents.length === 1 ? 'it' : 'them'} out or "include" to send ${documents.length === 1 ? 'it' : 'them'} again. Nothing was queued.`,
      { documents },
    );
  }

  /** The documents named, or every one in the status given that the actor may send. */
  private async selected(dto: BulkSendInput, actor: AuthUser): Promise<string[]> {
    if (dto.documentIds && dto.status) throw FieldValidationError.of('status', 'Give documentIds or status, not both.');
    if (dto.documentIds) return [...new Set(dto.documentIds)];
    const label = `${DOCUMENT_LABELS[dto.documentType].toLowerCase()}s`;
    const ids = await this.documents.writableIds(dto.documentType, dto.status!, actor, MAX_BULK_DOCUMENTS + 1);
    if (!ids.length) throw FieldValidationError.of('status', `There are no ${dto.status} ${label} that you may send. Nothing was queued.`);
    if (ids.length > MAX_BULK_DOCUMENTS) {
      throw FieldValidationError.of(
        'status',
        `More than ${MAX_BULK_DOCUMENTS} ${dto.status} ${label}: pick up to ${MAX_BULK_DOCUMENTS} in the list. Nothing was queued.`,
      );
    }
    return ids;
  }

  /** A second from now, or one pace after the last send the sender's mailbox already has queued. */
  private async firstSlot(manager: EntityManager, senderId: string, msApart: number): Promise<number> {
    const soon = Date.now() + 1000;
    if (!msApart) return soon;
    const [{ last }] = await this.statements.run<{ last: Date | null }>(LAST_QUEUED, [senderId], manager);
    return last ? Math.max(soon, last.getTime() + msApart) : soon;
  }

  /**
   * A bulk send may not take a mailbox past what it may still send today, counting what the mailbox already has queued
   * for the next 24 hours (the company account has no such limit).
   */
  private async assertWithinDailyLimits(prepared: Prepared[], remaining: Map<string, number>): Promise<void> {
    const queued = new Map<string, number>();
    if (remaining.size) {
      const rows = await this.statements.run<{ sender_id: string; queued: number }>(QUEUED_TODAY, [[...remaining.keys()]]);
      for (const row of rows) queued.set(row.sender_id, row.queued);
    }
    const perSender = new Map<string, { sender: AuthUser; count: number }>();
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

  private async visible(id: string, actor: AuthUser): Promise<BulkSend> {
    const bulk = await this.bulks.findOneBy({ id });
    if (!bulk || (bulk.actorId !== actor.id && !hasAdminRights(actor.role))) {
      throw new NotFoundError(ErrorCode.BULK_NOT_FOUND, `No bulk send ${id} that you may see.`);
    }
    return bulk;
  }
}
