import type { Role } from './users';
import type { Page } from './paging';

export const DOCUMENT_TYPES = ['quote', 'contract', 'invoice'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** URL segment of each type: /api/quotes, /api/contracts, /api/invoices. */
export const DOCUMENT_PATHS: Record<DocumentType, string> = { quote: 'quotes', contract: 'contracts', invoice: 'invoices' };
export const DOCUMENT_PREFIXES: Record<DocumentType, string> = { quote: 'Q', contract: 'C', invoice: 'INV' };
export const DOCUMENT_LABELS: Record<DocumentType, string> = { quote: 'Quote', contract: 'Contract', invoice: 'Invoice' };

/** The optional dates each document type has (besides the issue date); a type's other dates stay empty. */
export const DOCUMENT_DATE_FIELDS = {
  quote: ['validUntil'],
  contract: ['startDate', 'endDate'],
  invoice: ['dueDate'],
} as const satisfies Record<DocumentType, readonly string[]>;
export const ALL_DOCUMENT_DATE_FIELDS = ['validUntil', 'startDate', 'endDate', 'dueDate'] as const;
export type DocumentDateField = (typeof ALL_DOCUMENT_DATE_FIELDS)[number];

/** Who may create a document of a type: everyone but finance, who creates invoices only. */
export function mayCreateDocument(role: Role, type: DocumentType): boolean {
  return role !== 'finance' || type === 'invoice';
}

/** The file name of a document's PDF, the same in downloads, attachments and the API's Content-Disposition. */
export function pdfFilename(document: { type: DocumentType; number: string }): string {
  return `${DOCUMENT_LABELS[document.type]}-${document.number}.pdf`;
}

export const DOCUMENT_STATUSES = {
  quote: ['draft', 'sent', 'accepted', 'rejected', 'expired'],
  contract: ['draft', 'sent', 'signed', 'active', 'expired'],
  invoice: ['draft', 'sent', 'paid', 'overdue', 'void'],
} as const satisfies Record<DocumentType, readonly string[]>;
export type DocumentStatus =
  (typeof DOCUMENT_STATUSES.quote)[number] | (typeof DOCUMENT_STATUSES.contract)[number] | (typeof DOCUMENT_STATUSES.invoice)[number];
/** Every status of any document type, once. */
export const ALL_DOCUMENT_STATUSES: readonly DocumentStatus[] = [...new Set(Object.values(DOCUMENT_STATUSES).flat())];

/** Allowed status changes; anything else is a 409. */
export const DOCUMENT_TRANSITIONS: Record<DocumentType, Partial<Record<string, readonly string[]>>> = {
  quote: { draft: ['sent'], sent: ['accepted', 'rejected', 'expired'] },
  contract: { draft: ['sent'], sent: ['signed', 'expired'], signed: ['active', 'expired'], active: ['expired'] },
  invoice: { draft: ['sent', 'void'], sent: ['paid', 'overdue', 'void'], overdue: ['paid', 'void'] },
};

export const DOCUMENT_SORTS = ['number', 'date', 'company', 'total', 'status'] as const;
export type DocumentSortField = (typeof DOCUMENT_SORTS)[number];
export const MAX_LINE_ITEMS = 500;

/** Money and quantities travel as decimal strings ("59.97") so nothing is lost to floating point.
 * @example "59.97" */
export type Decimal = string;

export interface LineItemInput {
  description: string;
  quantity: Decimal | number;
  unitPrice: Decimal | number;
  /** Percent off this line, 0 to 100 (default 0). */
  discountPercent?: Decimal | number;
  /** Percent, e.g. 7 for 7% VAT. */
  taxRate: Decimal | number;
}

export interface LineItemDto {
  position: number;
  /** @example "Background music licence, 12 months" */
  description: string;
  /** @example "3" */
  quantity: Decimal;
  /** @example "399.80" */
  unitPrice: Decimal;
  /** @example "0" */
  discountPercent: Decimal;
  /** @example "7" */
  taxRate: Decimal;
  /** quantity x unitPrice less the discount, rounded to cents.
   * @example "1199.40" */
  netAmount: Decimal;
  /** @example "83.96" */
  taxAmount: Decimal;
}

/** Languages a contact can be written to in (the email templates exist in each). */
export const CONTACT_LANGUAGES = ['en', 'th'] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

export interface ContactDto {
  id: string;
  companyId: string;
  /** @example "Somchai Jaidee" */
  name: string;
  /** How emails address them ("Khun Napa", "Wei Ming"); empty: by their full name.
   * @example "Somchai" */
  greetingName: string;
  /** @example "somchai@siam.example" */
  email: string;
  title: string;
  language: ContactLanguage;
  /** At most one active primary contact per company. */
  isPrimary: boolean;
  isBilling: boolean;
  active: boolean;
}

export interface CompanyDto {
  id: string;
  /** @example "Siam Riverside Hotel" */
  name: string;
  billingAddress: string;
  /** @example "TH" */
  country: string;
  accountManager: { id: string; name: string } | null;
  /** Archived companies leave the lists and take no new documents; their documents stay. */
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export const COMPANY_SORTS = ['name', '-name', 'updated', '-updated'] as const;

export interface CompanyListQuery {
  page?: number;
  pageSize?: number;
  /** Matches the name. */
  q?: string;
  sort?: (typeof COMPANY_SORTS)[number];
  /** Only the companies the caller manages. */
  mine?: boolean;
  /** The archived companies instead of the active ones. */
  archived?: boolean;
}

export interface UpdateCompanyRequest {
  name?: string;
  billingAddress?: string;
  country?: string;
  /** null: nobody manages it. Sales may only keep themselves. */
  accountManagerId?: string | null;
  archived?: boolean;
}

export interface CompanyDetailDto extends CompanyDto {
  contacts: ContactDto[];
}

export interface CreateCompanyRequest {
  name: string;
  billingAddress?: string;
  country: string;
  accountManagerId?: string;
}

export interface CreateContactRequest {
  name: string;
  greetingName?: string;
  email: string;
  title?: string;
  language?: ContactLanguage;
  /** Making a contact primary makes the company's previous primary contact an ordinary one. */
  isPrimary?: boolean;
  isBilling?: boolean;
}
export type UpdateContactRequest = Partial<CreateContactRequest> & { active?: boolean };

export interface DocumentDates {
  issueDate: string;
  validUntil?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  dueDate?: string | null;
}

/** Why a document's last send did not go out, as its list row and page show it. */
export interface LastSendProblem {
  emailId: string;
  status: 'failed' | 'unknown';
  code: string | null;
  message: string | null;
  /** When the send was started. @example "2026-12-08T02:30:00.000Z" */
  at: string;
}

export interface DocumentSummaryDto {
  /** @example "0b8f2c4e-6f1a-4d2b-9a57-2c1e5d7f9a10" */
  id: string;
  type: DocumentType;
  /** @example "INV-2026-0042" */
  number: string;
  status: DocumentStatus;
  company: { id: string; name: string };
  owner: { id: string; name: string };
  /** @example "THB" */
  currency: string;
  /** @example "1199.40" */
  subtotal: Decimal;
  /** @example "83.96" */
  taxTotal: Decimal;
  /** @example "1283.36" */
  total: Decimal;
  /** @example "2026-11-26" */
  issueDate: string;
  validUntil: string | null;
  startDate: string | null;
  endDate: string | null;
  dueDate: string | null;
  updatedAt: string;
  /** The caller may change it and send it (the access policy's "write"); lists and detail pages offer actions by it. */
  canEdit: boolean;
  /** Its last send went wrong (and none went out since): failed, or unknown (it may have been delivered). */
  lastSendProblem: LastSendProblem | null;
}

/** Who the customer deals with about a document: its owner, as printed on the PDF. */
export interface DocumentContactPerson {
  id: string;
  name: string;
  /** @example "pom@bmasiamusic.com" */
  email: string;
  /** Empty when the owner has not given one. */
  phone: string;
}

export interface DocumentDetailDto extends Omit<DocumentSummaryDto, 'owner'> {
  owner: DocumentContactPerson;
  notes: string;
  lines: LineItemDto[];
  company: CompanyDetailDto;
}

export interface CreateDocumentRequest extends Partial<Omit<DocumentDates, 'issueDate'>> {
  companyId: string;
  currency: string;
  issueDate?: string;
  notes?: string;
  lines: LineItemInput[];
  /** Admins and superusers may create a document for another user. */
  ownerId?: string;
}

export type UpdateDocumentRequest = Partial<Omit<CreateDocumentRequest, 'ownerId'>> & { status?: DocumentStatus };

/** What a document may be copied as: itself (duplicate), and a quote also as an invoice or a contract. */
export const DOCUMENT_COPIES: Record<DocumentType, readonly DocumentType[]> = {
  quote: ['quote', 'invoice', 'contract'],
  contract: ['contract'],
  invoice: ['invoice'],
};

/** POST /{type}/:id/copy: a new draft with the same company, lines, currency and notes; dates start afresh. */
export interface CopyDocumentRequest {
  /** The type of the new document (default: the same type). */
  as?: DocumentType;
}

export interface DocumentListQuery {
  page?: number;
  pageSize?: number;
  /** A sort field, "-" first for descending: "-date" (default), "total", ... */
  sort?: string;
  q?: string;
  status?: DocumentStatus;
  companyId?: string;
  ownerId?: string;
}

export type DocumentPage = Page<DocumentSummaryDto>;

/** GET /companies: one page of customers. */
export type CompanyPage = Page<CompanyDto>;
