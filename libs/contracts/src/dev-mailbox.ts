import type { Page } from './paging';

export interface DevMailSummary {
  id: string;
  receivedAt: string;
  /** The SMTP account that sent it: whose mailbox it went out through. */
  authUser: string;
  from: string;
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
  text: string | null;
  html: string | null;
  attachments: DevMailAttachment[];
}

/** GET /dev/mailbox: one page of what the dev mail catcher received. */
export type DevMailPage = Page<DevMailSummary>;
