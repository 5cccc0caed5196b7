import { Injectable } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { type DevMailDetail, type DevMailSummary, ErrorCode, hasAdminRights, type Page, type Role } from '@sendas/contracts';
import { escapeLike, NotFoundError } from '../../common';
import { preparedStatement, PreparedStatements } from '../../database';
import { DEV_SYSTEM_ACCOUNT, DevMailCatcher, headerAddresses } from './dev-mail-catcher';
import type { DevMailMessage } from './dev-mail-message.entity';

/** Who is reading: superusers see every message, admins every message but Sendas's own mail to others, everyone else their own. */
export interface DevMailboxReader {
  id: string;
  email: string;
  role: Role;
}

/** Whose messages a reader may see (see VISIBLE). */
type Visibility = 'all' | 'admin' | 'own';

const visibilityOf = (reader: DevMailboxReader): Visibility => (reader.role === 'superuser' ? 'all' : hasAdminRights(reader.role) ? 'admin' : 'own');

/** The message went out through a send Sendas audited (its Message-ID is on an `email_messages` row), by $4 if given. */
const auditedSend = (by = '') => `EXISTS (SELECT 1 FROM email_messages e WHERE e.message_id IS NOT NULL AND position(e.message_id in m.raw) > 0${by})`;

/**
 * SQL: what a reader may see; $1 their Visibility, $2 their email (lower case), $3 the system account, $4 their id.
 * Sendas's own mail to a person (reset links, invitations: sent through the company account, no audited send) is
 * shown only to that person and to superusers: an admin who could open a superuser's reset link could take over that
 * account. Otherwise admins see everything; everyone else their own messages: sent through their mailbox (signed in at
 * the catcher as them), sent by them or on their behalf (the audit log's Message-ID appears in the message, e.g.
 * company-account sends replying to them), or addressed to them.
 */
const VISIBLE = `($1 = 'all'
  OR EXISTS (SELECT 1 FROM unnest(m.envelope_to) AS rcpt(address) WHERE lower(rcpt.address) = $2)
  OR ($1 = 'admin' AND (lower(m.auth_user) <> $3 OR ${auditedSend()}))
  OR ($1 = 'own' AND (lower(m.auth_user) = $2 OR ${auditedSend(' AND (e.actor_id = $4 OR e.sender_id = $4)')})))`;

const SUMMARY_COLUMNS = `m.id, m.received_at AS "receivedAt", m.auth_user AS "authUser", m.envelope_to AS "envelopeTo", m.to_header AS "toHeader",
  m.from_header AS "fromHeader", m.subject, m.size`;

/** $5: a search text as an ILIKE pattern, or null. */
const MATCHING = `($5::text IS NULL OR m.subject ILIKE $5 OR m.from_header ILIKE $5 OR array_to_string(m.envelope_to, ' ') ILIKE $5)`;

const LIST_PAGE = preparedStatement(
  'dev_mail_page',
  `SELECT ${SUMMARY_COLUMNS} FROM dev_mail_messages m WHERE ${VISIBLE} AND ${MATCHING} ORDER BY m.received_at DESC OFFSET $6 LIMIT $7`,
);

const LIST_COUNT = preparedStatement('dev_mail_count', `SELECT count(*)::int AS total FROM dev_mail_messages m WHERE ${VISIBLE} AND ${MATCHING}`);

const ONE_MESSAGE = preparedStatement('dev_mail_one', `SELECT ${SUMMARY_COLUMNS}, m.raw FROM dev_mail_messages m WHERE ${VISIBLE} AND m.id = $5`);

const SEND_RECORD = preparedStatement(
  'dev_mail_send_record',
  `SELECT id AS "emailId", document_type AS "documentType", document_id AS "documentId" FROM email_messages WHERE message_id = $1 LIMIT 1`,
);

type SummaryRow = Pick<DevMailMessage, 'id' | 'receivedAt' | 'authUser' | 'envelopeTo' | 'toHeader' | 'fromHeader' | 'subject' | 'size'>;

/** Reads what the dev mail catcher kept; answers 404 when the catcher does not run (real SMTP configured). */
@Injectable()
export class DevMailboxService {
  constructor(
    private readonly catcher: DevMailCatcher,
    private readonly statements: PreparedStatements,
  ) {}

  async list(reader: DevMailboxReader, page: number, pageSize: number, q?: string): Promise<Page<DevMailSummary>> {
    this.assertEnabled();
    const filter = [...this.readerValues(reader), q ? `%${escapeLike(q)}%` : null];
    const [rows, [{ total }]] = await Promise.all([
      this.statements.run<SummaryRow>(LIST_PAGE, [...filter, (page - 1) * pageSize, pageSize]),
      this.statements.run<{ total: number }>(LIST_COUNT, filter),
    ]);
    return { items: rows.map((row) => this.summary(row)), total, page, pageSize };
  }

  async get(id: string, reader: DevMailboxReader): Promise<DevMailDetail> {
    const message = await this.find(id, reader);
    const parsed = await simpleParser(message.raw);
    const cc = headerAddresses(parsed.cc);
    const seen = new Set([...message.toHeader, ...cc].map((address) => address.toLowerCase()));
    return {
      ...this.summary(message),
      headers: parsed.headerLines.map((line) => ({ name: line.key, value: line.line.slice(line.key.length + 1).trim() })),
      replyTo: parsed.replyTo?.text ?? null,
      cc,
      bcc: message.envelopeTo.filter((address) => !seen.has(address.toLowerCase())),
      text: parsed.text ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
      attachments: parsed.attachments.map((attachment, index) => ({
        index,
        filename: attachment.filename ?? `attachment-${index + 1}`,
        contentType: attachment.contentType,
        size: attachment.size,
      })),
      sendRecord: parsed.messageId ? await this.sendRecord(parsed.messageId) : null,
    };
  }

  async attachment(id: string, index: number, reader: DevMailboxReader): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const parsed = await simpleParser((await this.find(id, reader)).raw);
    const attachment = parsed.attachments[index];
    if (!attachment) throw new NotFoundError(ErrorCode.DEV_MAIL_NOT_FOUND, `Message ${id} has no attachment ${index}.`);
    return {
      filename: attachment.filename ?? `attachment-${index + 1}`,
      contentType: attachment.contentType,
      content: attachment.content,
    };
  }

  private async sendRecord(messageId: string): Promise<DevMailDetail['sendRecord']> {
    const [record] = await this.statements.run<NonNullable<DevMailDetail['sendRecord']>>(SEND_RECORD, [messageId]);
    return record ?? null;
  }

  /** Someone else's message is answered like a missing one. */
  private async find(id: string, reader: DevMailboxReader): Promise<SummaryRow & Pick<DevMailMessage, 'raw'>> {
    this.assertEnabled();
    const [message] = await this.statements.run<SummaryRow & Pick<DevMailMessage, 'raw'>>(ONE_MESSAGE, [...this.readerValues(reader), id]);
    if (!message) throw new NotFoundError(ErrorCode.DEV_MAIL_NOT_FOUND, `No message ${id} in the dev mailbox.`);
    return message;
  }

  private assertEnabled(): void {
    if (!this.catcher.enabled) {
      throw new NotFoundError(
        ErrorCode.DEV_MAILBOX_DISABLED,
        'The dev mailbox only exists when no real SMTP server is configured (SMTP_URL unset, not production).',
      );
    }
  }

  /** $1 to $4 of VISIBLE. */
  private readerValues(reader: DevMailboxReader): unknown[] {
    return [visibilityOf(reader), reader.email.toLowerCase(), DEV_SYSTEM_ACCOUNT, reader.id];
  }

  private summary(message: SummaryRow): DevMailSummary {
    return {
      id: message.id,
      receivedAt: message.receivedAt.toISOString(),
      authUser: message.authUser,
      from: message.fromHeader,
      to: message.toHeader,
      subject: message.subject,
      size: message.size,
    };
  }
}
