import type { DocumentType } from './documents';
import type { Page } from './paging';

export interface DevMailSummary {
  id: string;
  receivedAt: string;
  /** The SMTP account that sent it: whose mailbox it went out through.
   * @example "pom@bmasiamusic.com" */
  authUser: string;
  /** @example "\"Pom\" <pom@bmasiamusic.com>" */
  from: string;
  /** The To header, as recipients see it. */
  to: string[];
  /** @example "Quote Q-2026-0001 from BMAsia Music" */
  subject: string;
  size: number;
}

export interface DevMailAttachment {
  index: number;
  /** @example "Quote-Q-2026-0001.pdf" */
  filename: string;
  /** @example "application/pdf" */
  contentType: string;
  size: number;
}

export interface DevMailDetail extends DevMailSummary {
  headers: Array<{ name: string; value: string }>;
  replyTo: string | null;
  cc: string[];
  /** Envelope recipients in neither To nor Cc: the blind copies (shown only to the sender and admins). */
  bcc: string[];
  /** @example "Dear Khun Napa,\n\nPlease find attached our quote." */
  text: string | null;
  html: string | null;
  attachments: DevMailAttachment[];
  /** The send in the audit log this message came from (null: not sent by Sendas from a document, e.g. a password reset mail). */
  sendRecord: { documentType: DocumentType; documentId: string; emailId: string } | null;
}

/** GET /dev/mailbox: one page of what the dev mail catcher received. */
export type DevMailPage = Page<DevMailSummary>;
