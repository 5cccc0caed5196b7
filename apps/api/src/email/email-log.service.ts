import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { type DocumentType, type EmailMessageDetailDto, type EmailMessageDto, ErrorCode, hasAdminRights, type Page, type Role } from '@sendas/contracts';
import { escapeLike, NotFoundError } from '../common';
import type { EmailLogQueryDto } from './dto/send-email.dto';
import { EmailMessage, sentCopyOf } from './email-message.entity';

type Row = EmailMessage & { actorName: string; senderName: string };

/** Who reads the log: blind copies are shown to whoever sent it, whose mailbox it went through, and admins. */
export interface EmailLogReader {
  id: string;
  role: Role;
}

const seesBcc = (message: EmailMessage, reader: EmailLogReader) =>
  hasAdminRights(reader.role) || reader.id === message.actorId || reader.id === message.senderId;

/** Reading the audit log: a document's history, and the whole log for admins. */
@Injectable()
export class EmailLog {
  constructor(@InjectRepository(EmailMessage) private readonly messages: Repository<EmailMessage>) {}

  async forDocument(type: DocumentType, documentId: string, reader: EmailLogReader): Promise<EmailMessageDto[]> {
    const rows = await this.withNames(this.messages.createQueryBuilder('m'))
      .where('m.document_type = :type AND m.document_id = :documentId', { type, documentId })
      .orderBy('m.created_at', 'DESC')
      .limit(200)
      .getRawAndEntities();
    return this.toDtos(rows, reader);
  }

  /** One send of this document, with the body as sent; a send of another document is answered like a missing one. */
  async detail(type: DocumentType, documentId: string, emailId: string, reader: EmailLogReader): Promise<EmailMessageDetailDto> {
    const rows = await this.withNames(this.messages.createQueryBuilder('m'))
      .addSelect('m.body')
      .where('m.id = :emailId AND m.document_type = :type AND m.document_id = :documentId', { emailId, type, documentId })
      .getRawAndEntities();
    const [dto] = this.toDtos(rows, reader);
    if (!dto) throw new NotFoundError(ErrorCode.EMAIL_NOT_FOUND, `This ${type} has no send ${emailId}.`);
    return { ...dto, body: rows.entities[0].body };
  }

  async search(query: EmailLogQueryDto, reader: EmailLogReader): Promise<Page<EmailMessageDto>> {
    const qb = this.withNames(this.messages.createQueryBuilder('m'));
    if (query.userId) qb.andWhere('(m.actor_id = :userId OR m.sender_id = :userId)', { userId: query.userId });
    if (query.documentId) qb.andWhere('m.document_id = :documentId', { documentId: query.documentId });
    if (query.documentType) qb.andWhere('m.document_type = :documentType', { documentType: query.documentType });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.since) qb.andWhere('m.created_at >= :since::date', { since: query.since });
    if (query.until) qb.andWhere("m.created_at < :until::date + interval '1 day'", { until: query.until });
    if (query.q) {
      qb.andWhere("(m.subject ILIKE :q OR m.document_number ILIKE :q OR array_to_string(m.to_addresses || m.cc_addresses, ' ') ILIKE :q)", {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    const total = await qb.getCount();
    const rows = await qb
      .orderBy('m.created_at', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawAndEntities();
    return { items: this.toDtos(rows, reader), total, page: query.page, pageSize: query.pageSize };
  }

  private withNames(qb: SelectQueryBuilder<EmailMessage>) {
    return qb
      .leftJoin('users', 'actor', 'actor.id = m.actor_id')
      .leftJoin('users', 'sender', 'sender.id = m.sender_id')
      .addSelect('actor.name', 'actorName')
      .addSelect('sender.name', 'senderName');
  }

  private toDtos(
    { entities, raw }: { entities: EmailMessage[]; raw: Array<Pick<Row, 'actorName' | 'senderName'>> },
    reader: EmailLogReader,
  ): EmailMessageDto[] {
    return entities.map((m, index) => {
      const bcc = seesBcc(m, reader) ? m.bcc : null;
      const hidden = new Set(bcc ? [] : m.bcc.map((address) => address.toLowerCase()));
      const shown = (addresses: string[]) => addresses.filter((address) => !hidden.has(address.toLowerCase()));
      return {
        id: m.id,
        documentType: m.documentType,
        documentId: m.documentId,
        documentNumber: m.documentNumber,
        actor: { id: m.actorId, name: raw[index].actorName },
        apiKey: m.apiKeyName,
        sender: { id: m.senderId, name: raw[index].senderName },
        sentVia: m.sentVia,
        from: m.fromAddress,
        replyTo: m.replyTo,
        to: m.to,
        cc: m.cc,
        bcc,
        accepted: shown(m.accepted),
        rejected: shown(m.rejected),
        subject: m.subject,
        attachments: m.attachments,
        status: m.status,
        messageId: m.messageId,
        smtpResponse: m.smtpResponse,
        error: m.errorCode ? { code: m.errorCode, message: m.errorMessage ?? '' } : null,
        sentCopy: sentCopyOf(m),
        createdAt: m.createdAt.toISOString(),
        completedAt: m.completedAt?.toISOString() ?? null,
      };
    });
  }
}
