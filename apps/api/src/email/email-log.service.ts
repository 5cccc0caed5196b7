import { Injectable } from '@nestjs/common';
import { type DocumentType, type EmailMessageDetailDto, type EmailMessageDto, ErrorCode, hasAdminRights, type Page, type Role } from '@sendas/contracts';
import { escapeLike, NotFoundError } from '../common';
import { preparedStatement, PreparedStatements } from '../database';
import type { EmailLogQueryDto } from './dto/send-email.dto';
import { type EmailMessage, sentCopyOf } from './email-message.entity';

type Row = Omit<EmailMessage, 'mailboxVersion' | 'idempotencyKey' | 'requestHash' | 'apiKeyId' | 'body'> & { actorName: string; senderName: string };

const LOG_ROWS = `SELECT m.id, m.document_type AS "documentType", m.document_id AS "documentId", m.document_number AS "documentNumber",
    m.actor_id AS "actorId", actor.name AS "actorName", m.api_key_name AS "apiKeyName", m.sender_id AS "senderId", sender.name AS "senderName",
    m.sent_via AS "sentVia", m.from_address AS "fromAddress", m.reply_to AS "replyTo", m.to_addresses AS "to", m.cc_addresses AS cc,
    m.bcc_addresses AS bcc, m.accepted, m.rejected, m.subject, m.attachment_names AS attachments, m.status, m.message_id AS "messageId",
    m.smtp_response AS "smtpResponse", m.error_code AS "errorCode", m.error_message AS "errorMessage", m.sent_copy_status AS "sentCopyStatus",
    m.sent_copy_detail AS "sentCopyDetail", m.sent_copy_code AS "sentCopyCode", m.sent_copy_at AS "sentCopyAt", m.created_at AS "createdAt",
    m.completed_at AS "completedAt"`;

const WITH_NAMES = `FROM email_messages m LEFT JOIN users actor ON actor.id = m.actor_id LEFT JOIN users sender ON sender.id = m.sender_id`;

const OF_DOCUMENT = preparedStatement(
  'email_log_of_document',
  `${LOG_ROWS} ${WITH_NAMES} WHERE m.document_type = $1 AND m.document_id = $2 ORDER BY m.created_at DESC LIMIT 200`,
);

const ONE_SEND = preparedStatement('email_log_one', `${LOG_ROWS}, m.body ${WITH_NAMES} WHERE m.document_type = $1 AND m.document_id = $2 AND m.id = $3`);

/** The filters of a search, each null when not asked for: user, document, type, status, since, until (days), text (an ILIKE pattern). */
const MATCHING = `($1::uuid IS NULL OR m.actor_id = $1 OR m.sender_id = $1) AND ($2::uuid IS NULL OR m.document_id = $2)
  AND ($3::text IS NULL OR m.document_type = $3) AND ($4::text IS NULL OR m.status = $4)
  AND ($5::date IS NULL OR m.created_at >= $5) AND ($6::date IS NULL OR m.created_at < $6 + interval '1 day')
  AND ($7::text IS NULL OR m.subject ILIKE $7 OR m.document_number ILIKE $7 OR array_to_string(m.to_addresses || m.cc_addresses, ' ') ILIKE $7)`;

const SEARCH_PAGE = preparedStatement('email_log_page', `${LOG_ROWS} ${WITH_NAMES} WHERE ${MATCHING} ORDER BY m.created_at DESC OFFSET $8 LIMIT $9`);

const SEARCH_COUNT = preparedStatement('email_log_count', `SELECT count(*)::int AS total FROM email_messages m WHERE ${MATCHING}`);

/** Who reads the log: blind copies are shown to whoever sent it, whose mailbox it went through, and admins. */
export interface EmailLogReader {
  id: string;
  role: Role;
}

const seesBcc = (message: Pick<EmailMessage, 'actorId' | 'senderId'>, reader: EmailLogReader) =>
  hasAdminRights(reader.role) || reader.id === message.actorId || reader.id === message.senderId;

/** Reading the audit log: a document's history, and the whole log for admins. */
@Injectable()
export class EmailLog {
  constructor(private readonly statements: PreparedStatements) {}

  async forDocument(type: DocumentType, documentId: string, reader: EmailLogReader): Promise<EmailMessageDto[]> {
    const rows = await this.statements.run<Row>(OF_DOCUMENT, [type, documentId]);
    return rows.map((row) => this.toDto(row, reader));
  }

  /** One send of this document, with the body as sent; a send of another document is answered like a missing one. */
  async detail(type: DocumentType, documentId: string, emailId: string, reader: EmailLogReader): Promise<EmailMessageDetailDto> {
    const [row] = await this.statements.run<Row & Pick<EmailMessage, 'body'>>(ONE_SEND, [type, documentId, emailId]);
    if (!row) throw new NotFoundError(ErrorCode.EMAIL_NOT_FOUND, `This ${type} has no send ${emailId}.`);
    return { ...this.toDto(row, reader), body: row.body };
  }

  async search(query: EmailLogQueryDto, reader: EmailLogReader): Promise<Page<EmailMessageDto>> {
    const filter = [
      query.userId ?? null,
      query.documentId ?? null,
      query.documentType ?? null,
      query.status ?? null,
      query.since ?? null,
      query.until ?? null,
      query.q ? `%${escapeLike(query.q)}%` : null,
    ];
    const [rows, [{ total }]] = await Promise.all([
      this.statements.run<Row>(SEARCH_PAGE, [...filter, (query.page - 1) * query.pageSize, query.pageSize]),
      this.statements.run<{ total: number }>(SEARCH_COUNT, filter),
    ]);
    return { items: rows.map((row) => this.toDto(row, reader)), total, page: query.page, pageSize: query.pageSize };
  }

  private toDto(m: Row, reader: EmailLogReader): EmailMessageDto {
    const bcc = seesBcc(m, reader) ? m.bcc : null;
    const hidden = new Set(bcc ? [] : m.bcc.map((address) => address.toLowerCase()));
    const shown = (addresses: string[]) => addresses.filter((address) => !hidden.has(address.toLowerCase()));
    return {
      id: m.id,
      documentType: m.documentType,
      documentId: m.documentId,
      documentNumber: m.documentNumber,
      actor: { id: m.actorId, name: m.actorName },
      apiKey: m.apiKeyName,
      sender: { id: m.senderId, name: m.senderName },
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
  }
}
