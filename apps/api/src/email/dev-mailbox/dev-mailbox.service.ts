import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { simpleParser } from 'mailparser';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { type DevMailDetail, type DevMailSummary, ErrorCode, hasAdminRights, type Page, type Role } from '@sendas/contracts';
import { escapeLike, NotFoundError } from '../../common';
import { DEV_SYSTEM_ACCOUNT, DevMailCatcher, headerAddresses } from './dev-mail-catcher';
import { DevMailMessage } from './dev-mail-message.entity';

/** Who is reading: superusers see every message, admins every message but Sendas's own mail to others, everyone else their own. */
export interface DevMailboxReader {
  id: string;
  email: string;
  role: Role;
}

/** SQL: the message went out through a send Sendas audited (its Message-ID is on an `email_messages` row). */
const AUDITED_SEND = `EXISTS (SELECT 1 FROM email_messages e WHERE e.message_id IS NOT NULL AND position(e.message_id in m.raw) > 0)`;

/**
 * What a reader may see. Sendas's own mail to a person (reset links, invitations: sent through the company account,
 * no audited send) is shown only to that person and to superusers: an admin who could open a superuser's reset link
 * could take over that account. Otherwise admins see everything; everyone else their own messages: sent through their
 * mailbox (signed in at the catcher as them), sent by them or on their behalf (the audit log's Message-ID appears in
 * the message, e.g. company-account sends replying to them), or addressed to them.
 */
function onlyWhatTheyMaySee(query: SelectQueryBuilder<DevMailMessage>, reader: DevMailboxReader): SelectQueryBuilder<DevMailMessage> {
  if (reader.role === 'superuser') return query;
  const params = { readerEmail: reader.email.toLowerCase(), readerId: reader.id, systemAccount: DEV_SYSTEM_ACCOUNT };
  const addressedToReader = `EXISTS (SELECT 1 FROM unnest(m.envelope_to) AS rcpt(address) WHERE lower(rcpt.address) = :readerEmail)`;
  if (hasAdminRights(reader.role)) {
    return query.andWhere(`(lower(m.auth_user) <> :systemAccount OR ${AUDITED_SEND} OR ${addressedToReader})`, params);
  }
  return query.andWhere(
    `(lower(m.auth_user) = :readerEmail OR ${addressedToReader} OR EXISTS (
      SELECT 1 FROM email_messages e WHERE (e.actor_id = :readerId OR e.sender_id = :readerId)
        AND e.message_id IS NOT NULL AND position(e.message_id in m.raw) > 0))`,
    params,
  );
}

/** Reads what the dev mail catcher kept; answers 404 when the catcher does not run (real SMTP configured). */
@Injectable()
export class DevMailboxService {
  constructor(
    private readonly catcher: DevMailCatcher,
    @InjectRepository(DevMailMessage) private readonly messages: Repository<DevMailMessage>,
  ) {}

  async list(reader: DevMailboxReader, page: number, pageSize: number, q?: string): Promise<Page<DevMailSummary>> {
    this.assertEnabled();
    const query = this.messages
      .createQueryBuilder('m')
      .select(['m.id', 'm.receivedAt', 'm.authUser', 'm.envelopeTo', 'm.toHeader', 'm.fromHeader', 'm.subject', 'm.size'])
      .where('true')
      .orderBy('m.receivedAt', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    onlyWhatTheyMaySee(query, reader);
    if (q) {
      query.andWhere("(m.subject ILIKE :q OR m.fromHeader ILIKE :q OR array_to_string(m.envelopeTo, ' ') ILIKE :q)", {
        q: `%${escapeLike(q)}%`,
      });
    }
    const [rows, total] = await query.getManyAndCount();
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
    const [record] = (await this.messages.query(
      `SELECT id AS "emailId", document_type AS "documentType", document_id AS "documentId" FROM email_messages WHERE message_id = $1 LIMIT 1`,
      [messageId],
    )) as Array<NonNullable<DevMailDetail['sendRecord']>>;
    return record ?? null;
  }

  /** Someone else's message is answered like a missing one. */
  private async find(id: string, reader: DevMailboxReader): Promise<DevMailMessage> {
    this.assertEnabled();
    const message = await onlyWhatTheyMaySee(this.messages.createQueryBuilder('m').where('m.id = :id', { id }), reader).getOne();
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

  private summary(message: DevMailMessage): DevMailSummary {
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
