import type { DocumentType, PendingSendSummary } from '@sendas/contracts';

/**
 * The sends of a document still waiting for their time, as the email module needs them: a send now (or another send
 * later) of the same document must not leave one in place unasked ("one document, one pending send"). The outbox
 * holds them and provides this (PENDING_SENDS), so the email module does not import the outbox.
 */
export interface PendingSends {
  of(documentType: DocumentType, documentId: string): Promise<PendingSendSummary[]>;
  /** Cancels those that have not started; answers the ids of those that started meanwhile (and so were not). */
  cancel(ids: string[]): Promise<string[]>;
}
export const PENDING_SENDS = Symbol('PENDING_SENDS');
