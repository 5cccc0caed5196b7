import type { ContactLanguage, DocumentType } from './documents';
import type { Page } from './paging';

export const MAX_RECIPIENTS = 50;
export const MAX_SUBJECT_LENGTH = 998;
export const MAX_BODY_BYTES = 100 * 1024;

export type SentVia = 'user' | 'system';
/** `unknown`: the connection broke after the whole message was handed over, or the send was interrupted: it may have been delivered. */
export const EMAIL_STATUSES = ['sending', 'sent', 'failed', 'unknown'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** How a history line says what happened: "Keith tried to send ..." for a failure, never "Keith sent ...". */
export const EMAIL_OUTCOME_VERBS: Record<EmailStatus, string> = {
  sending: 'is sending',
  sent: 'sent',
  failed: 'tried to send',
  unknown: 'may have sent',
};

/**
 * What became of the copy in the sender's Sent folder: `pending` (Sendas is saving it over IMAP, retrying
 * temporary failures), `saved`, `failed`, or `not_needed` (the provider keeps its own copy, saving is off for
 * the mailbox, or the company account sent it and the audit log is the record).
 */
export const SENT_COPY_STATUSES = ['pending', 'saved', 'failed', 'not_needed'] as const;
export type SentCopyStatus = (typeof SENT_COPY_STATUSES)[number];

export const SENT_COPY_LABELS: Record<SentCopyStatus, string> = {
  pending: 'Saving a copy to Sent',
  saved: 'Copy saved to Sent',
  failed: 'No copy in Sent',
  not_needed: 'No Sent copy by Sendas',
};

export interface SentCopyOutcome {
  status: SentCopyStatus;
  /** saved: the folder and server; failed: the reason; pending: the latest attempt; not_needed: why.
   * @example "Saved to \"Sent\" on imap.example.com." */
  detail: string;
  /** The error code of a failure (e.g. IMAP_AUTH_FAILED), else null. */
  code: string | null;
  /** When the outcome was reached (null while pending). */
  at: string | null;
}

export interface MailboxUsage {
  /** Messages sent through the user's own mailbox in the last 24 hours.
   * @example 3 */
  used: number;
  /** @example 500 */
  limit: number;
  remaining: number;
  /** When the oldest counted message leaves the 24-hour window (null when nothing was sent). */
  freesAt: string | null;
}

export interface EmailDraftRecipient {
  /** @example "napa@siamriverside.example" */
  email: string;
  name: string;
  /** e.g. "Primary contact", "Billing contact", "Contact".
   * @example "Primary contact" */
  role: string;
  title: string;
  preselected: boolean;
}

export interface EmailDraft {
  from: { email: string; name: string; via: SentVia };
  /** Where replies go (the sender, also when the system account sends).
   * @example "pom@bmasiamusic.com" */
  replyTo: string;
  recipients: EmailDraftRecipient[];
  /** @example "Invoice INV-2026-0042 from BMAsia Music" */
  subject: string;
  body: string;
  attachmentName: string;
  /** The sender's signature, appended below the body. */
  signature: string;
  usage: MailboxUsage | null;
  /** What happens to the copy in the sender's Sent folder, in a sentence for the dialog.
   * @example "After sending, Sendas saves a copy to the Sent folder on imap.example.com." */
  sentCopyNote: string;
  /** Sends of this document still scheduled: sending now asks what to do with them. */
  pendingSends: PendingSendSummary[];
  /**
   * Set when the stored template of this document type cannot be filled (saved before the current checks): subject and
   * body are then Sendas's built-in wording, and this says why, for the dialog to show.
   */
  templateProblem: TemplateProblem | null;
  /** The caller's unsent message for this document, kept from an earlier Send dialog; null when there is none. */
  saved: SavedEmailDraft | null;
}

/**
 * A message typed in the Send dialog and not sent, kept per person and document until it is sent or discarded
 * (PUT and DELETE …/email-draft/saved); never in the browser.
 */
export interface SavedEmailDraft {
  subject: string;
  body: string;
  /** The contacts ticked. */
  selected: string[];
  /** Addresses added to To, Cc and Bcc. */
  extra: string[];
  cc: string[];
  bcc: string[];
  /** Admins: whom it goes on behalf of (null: themselves). */
  onBehalfOfUserId: string | null;
  /** @example "2026-12-08T03:00:00.000Z" */
  updatedAt: string;
}

export type SaveEmailDraftRequest = Omit<SavedEmailDraft, 'updatedAt'>;

/** Why a draft carries the built-in wording instead of the email template. */
export interface TemplateProblem {
  code: 'TEMPLATE_UNUSABLE';
  /** The template's language, as the contact's (or English). */
  language: ContactLanguage;
  /** @example "The invoice email template (th) cannot be filled (…). A superuser can fix it under Email templates." */
  message: string;
}

/** What to do with sends of the same document that are still scheduled, when sending (or scheduling) another. */
export const PENDING_SEND_CHOICES = ['cancel', 'keep'] as const;
export type PendingSendChoice = (typeof PENDING_SEND_CHOICES)[number];

/** A send of the document still waiting for its time (SCHEDULED_SEND_PENDING's `details.pending`, and the draft's). */
export interface PendingSendSummary {
  id: string;
  /** @example "2026-12-08T02:00:00.000Z" */
  sendAt: string;
  /** The zone it was scheduled in.
   * @example "Asia/Bangkok" */
  timeZone: string;
  /** @example "Quote Q-2026-0001 from BMAsia Music" */
  subject: string;
  sender: { id: string; name: string };
}

export interface SendEmailRequest {
  recipients: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
  attachPdf?: boolean;
  /** Admins and superusers: send through this user's mailbox. */
  onBehalfOfUserId?: string;
  /**
   * When a send of this document is still scheduled: cancel it, or keep it too. Without a choice such a request
   * answers 409 SCHEDULED_SEND_PENDING naming the pending sends, and nothing is sent.
   */
  pendingSends?: PendingSendChoice;
}

export interface SendEmailResult {
  emailId: string;
  /** @example "<8c1e5d7f-9a10-4d2b@bmasiamusic.com>" */
  messageId: string;
  /** @example "\"Pom\" <pom@bmasiamusic.com>" */
  from: string;
  sentVia: SentVia;
  accepted: string[];
  rejected: string[];
  /** What happens to the copy in the sender's Sent folder (pending: being saved after this answer). */
  sentCopy: SentCopyOutcome;
}

export interface EmailMessageDto {
  id: string;
  documentType: DocumentType;
  documentId: string;
  documentNumber: string;
  actor: { id: string; name: string };
  /** The name of the API key the actor sent with (null: from the web app or a signed-in session). */
  apiKey: string | null;
  sender: { id: string; name: string };
  sentVia: SentVia;
  /** @example "\"Pom\" <pom@bmasiamusic.com>" */
  from: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  /** null: not shown to you (blind copies are shown only to who sent it, whose mailbox it went through, and admins). */
  bcc: string[] | null;
  /** The recipients the server took the message for (blind copies only where `bcc` is shown). */
  accepted: string[];
  /** The recipients the server refused while taking it for the others (blind copies only where `bcc` is shown). */
  rejected: string[];
  /** @example "Invoice INV-2026-0042 from BMAsia Music" */
  subject: string;
  attachments: string[];
  status: EmailStatus;
  messageId: string | null;
  smtpResponse: string | null;
  error: { code: string; message: string } | null;
  /** The copy in the sender's Sent folder; null when nothing was sent (or before Sendas tracked copies). */
  sentCopy: SentCopyOutcome | null;
  createdAt: string;
  completedAt: string | null;
}

/** GET /{quotes|contracts|invoices}/{id}/emails/{emailId}: one send with the body as it was sent. */
export interface EmailMessageDetailDto extends EmailMessageDto {
  /** The text body as sent (signature included). */
  body: string;
}

/** GET /emails: the audit log of sends, newest first. */
export interface EmailLogQuery {
  page?: number;
  pageSize?: number;
  /** Matches subject, document number and the to and cc addresses. */
  q?: string;
  userId?: string;
  documentId?: string;
  documentType?: DocumentType;
  status?: EmailStatus;
  /** ISO dates, inclusive. */
  since?: string;
  until?: string;
}

/** The variables an email template may use, with what each stands for (shown in the template editor). */
export const TEMPLATE_VARIABLES = {
  'contact.greetingName': 'How the first recipient likes to be greeted (else their full name)',
  'contact.name': "The first recipient's full name",
  'company.name': "The customer's name",
  'document.number': 'Q-2026-0001, C-…, INV-…',
  'document.total': 'The total with thousands separators, 17,120.00',
  'document.currency': 'THB, USD, …',
  'document.issueDate': 'The issue date, 26 November 2026',
  'document.validUntil': 'Quotes: valid until',
  'document.startDate': 'Contracts: first day',
  'document.endDate': 'Contracts: last day',
  'document.dueDate': 'Invoices: due date',
  'sender.name': 'Who sends it (the mailbox owner)',
  'sender.email': "The sender's address",
  'org.name': 'Your organisation (ORG_NAME)',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** One template per document type and language; the Send dialog starts from it, the sender edits before sending. */
export interface EmailTemplateDto {
  documentType: DocumentType;
  language: ContactLanguage;
  /** @example "Quote {{document.number}} from {{org.name}}" */
  subject: string;
  /** @example "Dear {{contact.greetingName}},\n\nPlease find attached our quote {{document.number}}." */
  body: string;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
}

export interface UpdateEmailTemplateRequest {
  subject: string;
  body: string;
}

/** POST /email-templates/preview: a template as it would read for a real document (unsaved text allowed). */
export interface PreviewEmailTemplateRequest extends UpdateEmailTemplateRequest {
  documentType: DocumentType;
  documentId: string;
}

export interface EmailTemplatePreview {
  /** @example "Quote Q-2026-0001 from BMAsia Music" */
  subject: string;
  /** @example "Dear Khun Napa,\n\nPlease find attached quote Q-2026-0001." */
  body: string;
}

/** GET /emails: one page of the audit log of sends. */
export type EmailMessagePage = Page<EmailMessageDto>;
