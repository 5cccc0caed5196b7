import { Injectable } from '@nestjs/common';
import type { DocumentType, PendingSendSummary } from '@sendas/contracts';
import { preparedStatement, PreparedStatements } from '../database';
import type { PendingSends } from '../email';

const WAITING = preparedStatement(
  'pending_sends_of_document',
  `SELECT s.id, s.send_at AS "sendAt", s.time_zone AS "timeZone", s.request ->> 'subject' AS subject, u.id AS "senderId", u.name AS "senderName"
   FROM scheduled_sends s JOIN users u ON u.id = s.sender_id
   WHERE s.document_id = $1 AND s.document_type = $2 AND s.status = 'scheduled' ORDER BY s.send_at`,
);

const CANCEL = preparedStatement(
  'pending_sends_cancel',
  `UPDATE scheduled_sends SET status = 'cancelled', updated_at = now() WHERE id = ANY($1) AND status = 'scheduled' RETURNING id`,
);

/** The outbox's side of PENDING_SENDS (email/pending-sends.ts): a document's sends still waiting, and cancelling them. */
@Injectable()
export class DocumentPendingSends implements PendingSends {
  constructor(private readonly statements: PreparedStatements) {}

  async of(documentType: DocumentType, documentId: string): Promise<PendingSendSummary[]> {
    const rows = await this.statements.run<{ id: string; sendAt: Date; timeZone: string; subject: string; senderId: string; senderName: string }>(WAITING, [
      documentId,
      documentType,
    ]);
    return rows.map((row) => ({
      id: row.id,
      sendAt: row.sendAt.toISOString(),
      timeZone: row.timeZone,
      subject: row.subject,
      sender: { id: row.senderId, name: row.senderName },
    }));
  }

  async cancel(ids: string[]): Promise<string[]> {
    const cancelled = await this.statements.run<{ id: string }>(CANCEL, [ids]);
    const done = new Set(cancelled.map((row) => row.id));
    return ids.filter((id) => !done.has(id));
  }
}
