import type { DocumentType, EmailStatus, SentCopyStatus, SentVia } from '@sendas/contracts';
import { Injectable } from '@nestjs/common';
import { preparedStatement, PreparedStatements } from '../database';

/** What a send's audit row holds when it is written, before the SMTP conversation. */
export interface SendRecord {
  documentType: DocumentType;
  documentId: string;
  documentNumber: string;
  actorId: string;
  senderId: string;
  sentVia: SentVia;
  mailboxVersion: number | null;
  fromAddress: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  attachments: string[];
  messageId: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

/** The audit row as written, with its id. */
export type SendRow = SendRecord & { id: string };

/** How a send ended, as its audit row records it. */
export interface SendOutcome {
  status: Exclude<EmailStatus, 'sending'>;
  accepted?: string[];
  rejected?: string[];
  smtpResponse?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  sentCopyStatus?: SentCopyStatus;
  sentCopyDetail?: string;
  sentCopyAt?: Date | null;
}

/** The audit row, status `sending` (the table's triggers check the mailbox's version and daily limit). */
const BEGIN_SEND = preparedStatement(
  'send_begin',
  `INSERT INTO email_messages (document_type, document_id, document_number, actor_id, sender_id, sent_via, mailbox_version,
     from_address, reply_to, to_addresses, cc_addresses, bcc_addresses, subject, body, attachment_names, status, message_id,
     idempotency_key, request_hash, api_key_id, api_key_name)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'sending', $16, $17, $18, $19, $20)
   RETURNING id`,
);

/**
 * The outcome, unless a later, surer one is there (a swept `unknown` may still become sent or failed). Marking a
 * draft document sent is the table's trigger's part, in the same statement.
 */
const COMPLETE_SEND = preparedStatement(
  'send_complete',
  `UPDATE email_messages SET status = $2, accepted = $3, rejected = $4, smtp_response = $5, error_code = $6, error_message = $7,
     sent_copy_status = $8, sent_copy_detail = $9, sent_copy_at = $10, completed_at = now()
   WHERE id = $1 AND status IN ('sending', 'unknown')`,
);

/**
 * A send's audit row: written before the SMTP conversation, completed after it. Two precomputed statements, each
 * one round trip and its own commit (no transaction is held across SMTP).
 */
@Injectable()
export class SendAudit {
  constructor(private readonly statements: PreparedStatements) {}

  /** The new row's id. Refused (QueryFailedError) at the daily limit, on a changed mailbox or a used idempotency key. */
  async begin(record: SendRecord): Promise<string> {
    const [row] = await this.statements.run<{ id: string }>(BEGIN_SEND, [
      record.documentType,
      record.documentId,
      record.documentNumber,
      record.actorId,
      record.senderId,
      record.sentVia,
      record.mailboxVersion,
      record.fromAddress,
      record.replyTo,
      record.to,
      record.cc,
      record.bcc,
      record.subject,
      record.body,
      record.attachments,
      record.messageId,
      record.idempotencyKey,
      record.requestHash,
      record.apiKeyId,
      record.apiKeyName,
    ]);
    return row.id;
  }

  async complete(emailId: string, outcome: SendOutcome): Promise<void> {
    await this.statements.run(COMPLETE_SEND, [
      emailId,
      outcome.status,
      outcome.accepted ?? [],
      outcome.rejected ?? [],
      outcome.smtpResponse ?? null,
      outcome.errorCode ?? null,
      outcome.errorMessage ?? null,
      outcome.sentCopyStatus ?? null,
      outcome.sentCopyDetail ?? null,
      outcome.sentCopyAt ?? null,
    ]);
  }
}
