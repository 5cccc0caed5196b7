import type { DocumentType } from './documents';
import type { Page } from './paging';

export interface DevMailSummary {
  id: string;
  receivedAt: string;
  /** The SMTP account that sent it: whose mailbox it went out through. */
  authUser: string;
  from: string;
  /** The To header, as recipients see it. */
  to: string[];
  subject: string;
  size: number;
}

export interface DevMailAttachment {
  index: number;
  filename: string;
  contentType: string;
  size: number;
}

export interface DevMailDetail extends DevMailSummary {
  headers: Array<{ name: string; value: string }>;
  replyTo: string | null;
  cc: string[];
  /** Envelope recipients in neither To nor Cc: the blind copies (shown only to the sender and admins). */
  bcc: string[];
  text: string | null;
  html: string | null;
  attachments: DevMailAttachment[];
  /** The send in the audit log this message came from (null: not sent by Sendas from a document, e.g. a password reset mail). */
  sendRecord: { documentType: DocumentType; documentId: string; emailId: string } | null;
}

/** GET /dev/mailbox: one page of what the dev mail catcher received. */
export type DevMailPage = Page<DevMailSummary>;
