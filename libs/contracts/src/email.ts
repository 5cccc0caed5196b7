import type { DocumentType } from './documents';

export const MAX_RECIPIENTS = 50;
export const MAX_SUBJECT_LENGTH = 998;
export const MAX_BODY_BYTES = 100 * 1024;

export type SentVia = 'user' | 'system';
/** `unknown`: the connection broke after the whole message was handed over, or the send was interrupted: it may have been delivered. */
export const EMAIL_STATUSES = ['sending', 'sent', 'failed', 'unknown'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export interface MailboxUsage {
  /** Messages sent through the user's own mailbox in the last 24 hours. */
  used: number;
  limit: number;
  remaining: number;
  /** When the oldest counted message leaves the 24-hour window (null when nothing was sent). */
  freesAt: string | null;
}

export interface EmailDraftRecipient {
  email: string;
  name: string;
  /** e.g. "Primary contact", "Billing contact", "Contact". */
  role: string;
  title: string;
  preselected: boolean;
}

export interface EmailDraft {
  from: { email: string; name: string; via: SentVia };
  /** Where replies go (the sender, also when the system account sends). */
  replyTo: string;
  recipients: EmailDraftRecipient[];
  subject: string;
  body: string;
  attachmentName: string;
  /** The sender's signature, appended below the body. */
  signature: string;
  usage: MailboxUsage | null;
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
}

export interface SendEmailResult {
  emailId: string;
  messageId: string;
  from: string;
  sentVia: SentVia;
  accepted: string[];
  rejected: string[];
}

export interface EmailMessageDto {
  id: string;
  documentType: DocumentType;
  documentId: string;
  documentNumber: string;
  actor: { id: string; name: string };
  sender: { id: string; name: string };
  sentVia: SentVia;
  from: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  attachments: string[];
  status: EmailStatus;
  messageId: string | null;
  smtpResponse: string | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  completedAt: string | null;
}

/** GET /emails: the audit log of sends, newest first. */
export interface EmailLogQuery {
  page?: number;
  pageSize?: number;
  /** Matches subject, document number and addresses. */
  q?: string;
  userId?: string;
  documentId?: string;
  documentType?: DocumentType;
  status?: EmailStatus;
  /** ISO dates, inclusive. */
  since?: string;
  until?: string;
}
