import type { DocumentStatus, DocumentType } from './documents';
import type { SendEmailRequest, SentVia } from './email';
import type { ErrorCode } from './errors';
import type { Page } from './paging';

/**
 * A send waiting in the outbox: `scheduled` (waiting for its time, may be cancelled or rescheduled), `sending`
 * (started: no longer cancellable), `sent`, `failed`, `cancelled`, or `unknown` (the connection broke after the
 * whole message was handed over: never sent again by itself).
 */
export const OUTBOX_STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'cancelled', 'unknown'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** How far ahead a send may be scheduled. */
export const MAX_SCHEDULE_DAYS = 365;

/**
 * POST /{quotes|contracts|invoices}/{id}/schedule: the message as approved (frozen, with the PDF as it is now),
 * sent at `sendAt`, a wall-clock time in `timeZone` (the sender's, from their profile).
 */
export interface ScheduleSendRequest extends SendEmailRequest {
  /** Local date and time, no offset.
   * @example "2026-11-30T09:00" */
  sendAt: string;
  /** IANA time zone the local time is in.
   * @example "Asia/Bangkok" */
  timeZone: string;
}

/** PATCH /outbox/{id}: a new time for a send that has not started. */
export interface RescheduleSendRequest {
  /** @example "2026-12-01T09:00" */
  sendAt: string;
  /** @example "Asia/Bangkok" */
  timeZone: string;
}

export interface ScheduledSendDto {
  id: string;
  documentType: DocumentType;
  documentId: string;
  /** @example "Q-2026-0001" */
  documentNumber: string;
  /** Who scheduled it. */
  actor: { id: string; name: string };
  /** The name of the API key it was scheduled with (null: from the web app or a signed-in session). */
  apiKey: string | null;
  /** Whose mailbox it goes through (the actor, or the user an admin scheduled it on behalf of). */
  sender: { id: string; name: string };
  to: string[];
  cc: string[];
  subject: string;
  /** When it goes out (UTC).
   * @example "2026-11-30T02:00:00.000Z" */
  sendAt: string;
  /** The time zone it was scheduled in, for showing `sendAt` as the sender meant it.
   * @example "Asia/Bangkok" */
  timeZone: string;
  status: OutboxStatus;
  /** Attempts so far (a temporary refusal of the mail server is tried again, later). */
  attempts: number;
  /** The send in the email log once it went out (or was tried). */
  emailId: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export type ScheduledSendPage = Page<ScheduledSendDto>;

/** GET /outbox: mine by default; admins may ask for everyone's. */
export interface OutboxQuery {
  page?: number;
  pageSize?: number;
  scope?: 'mine' | 'all';
  status?: OutboxStatus;
  documentId?: string;
}

/** Send many: at most this many documents in one bulk send. */
export const MAX_BULK_DOCUMENTS = 1000;

/**
 * POST /outbox/bulk: each document goes to its preselected contacts (primary, else billing) with its template,
 * from your mailbox, or (admins) from each document's owner's, which is send-on-behalf and audited as such.
 */
export interface BulkSendRequest {
  documentType: DocumentType;
  /** The documents to send; or leave it out and give `status`. */
  documentIds?: string[];
  /** Instead of documentIds: every document of the type in this status that you may send (e.g. all overdue invoices). */
  status?: DocumentStatus;
  /** me: your own mailbox; owner: each document owner's (admins and superusers). */
  sender?: 'me' | 'owner';
  /**
   * What to do with documents that were sent before: leave them out, or send them again. Required when any of them
   * was (BULK_ALREADY_SENT says which); never guessed.
   */
  alreadySent?: AlreadySentChoice;
}

export const ALREADY_SENT_CHOICES = ['skip', 'include'] as const;
export type AlreadySentChoice = (typeof ALREADY_SENT_CHOICES)[number];

/** POST /outbox/bulk/preview: what a bulk send would do, document by document, before anything is queued. */
export interface BulkSendPreview {
  documentType: DocumentType;
  items: BulkPreviewItem[];
  /** How many of the items were sent before (each has `lastSentAt`).
   * @example 2 */
  alreadySent: number;
}

export interface BulkPreviewItem {
  documentId: string;
  /** @example "INV-2026-0002" */
  documentNumber: string;
  /** @example "Siam Hotel" */
  companyName: string;
  /** The preselected contacts it goes to. */
  to: string[];
  /** The mailbox it goes from (via system: the company account, replies to the sender). */
  from: { name: string; email: string; via: SentVia };
  /** When it was last sent (or may have been: an outcome `unknown`), if ever.
   * @example "2026-11-20T03:15:00.000Z" */
  lastSentAt: string | null;
  /** Why it cannot go in this run (no contact, read-only, template unusable…); null: it can. */
  problem: { code: ErrorCode; message: string } | null;
}

export interface BulkSendDto {
  id: string;
  documentType: DocumentType;
  actor: { id: string; name: string };
  sender: 'me' | 'owner';
  /** @example 3 */
  total: number;
  /** How many sends are in each state. */
  counts: Record<OutboxStatus, number>;
  /** One scheduled send per document, in the order they go out. */
  items: ScheduledSendDto[];
  /** @example "2026-11-27T03:00:00.000Z" */
  createdAt: string;
}
