import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { DocumentType, PendingSendSummary } from '@sendas/contracts';
import type { PendingSends } from '../email';
import { ScheduledSend } from './scheduled-send.entity';

/** The outbox's side of PENDING_SENDS (email/pending-sends.ts): a document's sends still waiting, and cancelling them. */
@Injectable()
export class DocumentPendingSends implements PendingSends {
  constructor(@InjectRepository(ScheduledSend) private readonly sends: Repository<ScheduledSend>) {}

  async of(documentType: DocumentType, documentId: string): Promise<PendingSendSummary[]> {
    const rows = await this.sends.query<Array<{ id: string; sendAt: Date; timeZone: string; subject: string; senderId: string; senderName: string }>>(
      `SELECT s.id, s.send_at AS "sendAt", s.time_zone AS "timeZone", s.request ->> 'subject' AS subject, u.id AS "senderId", u.name AS "senderName"
       FROM scheduled_sends s JOIN users u ON u.id = s.sender_id
       WHERE s.document_id = $1 AND s.document_type = $2 AND s.status = 'scheduled' ORDER BY s.send_at`,
      [documentId, documentType],
    );
    return rows.map((row) => ({
      id: row.id,
      sendAt: row.sendAt.toISOString(),
      timeZone: row.timeZone,
      subject: row.subject,
      sender: { id: row.senderId, name: row.senderName },
    }));
  }

  async cancel(ids: string[]): Promise<string[]> {
    const [cancelled] = await this.sends.query<[Array<{ id: string }>, number]>(
      `UPDATE scheduled_sends SET status = 'cancelled', updated_at = now() WHERE id = ANY($1) AND status = 'scheduled' RETURNING id`,
      [ids],
    );
    const done = new Set(cancelled.map((row) => row.id));
    return ids.filter((id) => !done.has(id));
  }
}
