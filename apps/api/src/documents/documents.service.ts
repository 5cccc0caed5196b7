import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  DOCUMENT_COPIES,
  DOCUMENT_PREFIXES,
  type DocumentContactPerson,
  type DocumentDetailDto,
  type DocumentPage,
  type DocumentStatus,
  type DocumentSummaryDto,
  type DocumentType,
  ErrorCode,
  type LineItemInput,
} from '@sendas/contracts';
import { currencyDecimals, exceedsMaxAmount, isDecimal, MAX_AMOUNT, priceLines, type Totals } from '@sendas/contracts/money';
import { AppException, type AuthUser, ConflictError, FieldValidationError, NotFoundError } from '../common';
import { preparedStatement, PreparedStatements } from '../database';
import { UsersService } from '../users';
import { Company } from './companies/company.entity';
import { toCompanyDetailDto } from './companies/companies.service';
import { DocumentAccessPolicy, type Actor, type DocumentAccessSubject } from './document-access.policy';
import { DocumentLine } from './document-line.entity';
import { documentListQuery, type DocumentListRow } from './document-list.query';
import { formatAmount } from './money';
import { Document } from './document.entity';
import { assertTransition, isoDate, resolveDates } from './document-rules';
import type { CreateDocumentDto, DocumentListQueryDto, UpdateDocumentDto } from './dto/document.dto';

/** What a list row is made from: a raw list row or a loaded document (its company, owner and access apart). */
type SummarySource = Omit<DocumentSummaryDto, 'company' | 'owner' | 'updatedAt' | 'status' | 'canEdit'> & {
  status: string;
  updatedAt: Date;
};
type NamedRef = { id: string; name: string };

/**
 * The one mapping to a list row (lists and detail pages show the same fields). Company, owner and access come
 * apart, not spread into a copy of the row: on a page of 50 that copy was a tenth of the API's CPU.
 */
const toSummary = (source: SummarySource, company: NamedRef, owner: NamedRef, canEdit: boolean): DocumentSummaryDto => ({
  id: source.id,
  type: source.type,
  number: source.number,
  status: source.status as DocumentStatus,
  company: { id: company.id, name: company.name },
  owner: { id: owner.id, name: owner.name },
  currency: source.currency,
  subtotal: source.subtotal,
  taxTotal: source.taxTotal,
  total: source.total,
  issueDate: source.issueDate,
  validUntil: source.validUntil,
  startDate: source.startDate,
  endDate: source.endDate,
  dueDate: source.dueDate,
  updatedAt: source.updatedAt.toISOString(),
  canEdit,
  lastSendProblem: source.lastSendProblem,
});

const today = () => isoDate(new Date());

/** Gap-free numbering: the counter row is locked until the creating transaction commits or rolls back. */
const NEXT_NUMBER = preparedStatement(
  'document_next_number',
  `INSERT INTO document_counters (type, year, last_value) VALUES ($1, $2, 1)
   ON CONFLICT (type, year) DO UPDATE SET last_value = document_counters.last_value + 1
   RETURNING last_value`,
);

const ACCESS_SUBJECT = preparedStatement(
  'document_access_subject',
  `SELECT d.type, d.number, d.owner_id AS "ownerId", c.account_manager_id AS "accountManagerId"
   FROM documents d JOIN companies c ON c.id = d.company_id WHERE d.id = $1 AND d.type = $2`,
);

/**
 * SQL: whether a send of the document is still waiting in the outbox (`scheduled_sends`), so that a send needs no
 * statement of its own to know whether it must ask about it ("one document, one pending send"): an index probe.
 */
const HAS_SCHEDULED_SENDS = `EXISTS (SELECT 1 FROM scheduled_sends s WHERE s.document_id = d.id AND s.status = 'scheduled') AS "hasScheduledSends"`;

/** A send's read of the document when no PDF is rendered now: the access subject, and whether a send is scheduled. */
const SENDABLE = preparedStatement(
  'document_sendable',
  `SELECT d.type, d.number, d.owner_id AS "ownerId", c.account_manager_id AS "accountManagerId", ${HAS_SCHEDULED_SENDS}
   FROM documents d JOIN companies c ON c.id = d.company_id WHERE d.id = $1 AND d.type = $2`,
);

/**
 * A document with its owner, company (account manager, contacts) and lines, in one statement: the lines and contacts
 * as JSON arrays (amounts and dates as text, exactly as stored), shaped as toCompanyDetailDto and the detail read them.
 */
const DOCUMENT_DETAIL = preparedStatement(
  'document_detail',
  `SELECT d.id, d.type, d.number, d.status, d.currency, d.subtotal, d.tax_total AS "taxTotal", d.total, d.notes,
     d.issue_date::text AS "issueDate", d.valid_until::text AS "validUntil", d.start_date::text AS "startDate",
     d.end_date::text AS "endDate", d.due_date::text AS "dueDate", d.updated_at AS "updatedAt", d.last_send_problem AS "lastSendProblem",
     json_build_object('id', o.id, 'name', o.name, 'email', o.email, 'phone', o.phone) AS owner,
     json_build_object(
       'id', c.id, 'name', c.name, 'billingAddress', c.billing_address, 'country', c.country, 'archivedAt', c.archived_at,
       'createdAt', c.created_at, 'updatedAt', c.updated_at,
       'accountManager', CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object('id', m.id, 'name', m.name) END,
       'contacts', (SELECT coalesce(json_agg(json_build_object(
           'id', ct.id, 'companyId', ct.company_id, 'name', ct.name, 'greetingName', ct.greeting_name, 'email', ct.email,
           'title', ct.title, 'language', ct.language, 'isPrimary', ct.is_primary, 'isBilling', ct.is_billing, 'active', ct.active)), '[]')
         FROM contacts ct WHERE ct.company_id = c.id)) AS company,
     (SELECT coalesce(json_agg(json_build_object(
         'position', l.position, 'description', l.description, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::text,
         'discountPercent', l.discount_percent::text, 'taxRate', l.tax_rate::text, 'netAmount', l.net_amount::text,
         'taxAmount', l.tax_amount::text) ORDER BY l.position), '[]')
       FROM document_lines l WHERE l.document_id = d.id) AS lines,
     ${HAS_SCHEDULED_SENDS}
   FROM documents d JOIN users o ON o.id = d.owner_id JOIN companies c ON c.id = d.company_id
   LEFT JOIN users m ON m.id = c.account_manager_id
   WHERE d.id = $1 AND d.type = $2`,
);

/** A company as DOCUMENT_DETAIL's JSON carries it: its timestamps as text, its contacts with the fields a DTO shows. */
type CompanyJson = Omit<Company, 'archivedAt' | 'createdAt' | 'updatedAt'> & { archivedAt: string | null; createdAt: string; updatedAt: string };

interface DocumentDetailRow extends SummarySource {
  hasScheduledSends: boolean;
  owner: DocumentContactPerson;
  notes: string;
  company: CompanyJson;
  lines: DocumentDetailDto['lines'];
}

const companyOf = (json: CompanyJson): Company => ({
  ...json,
  archivedAt: json.archivedAt === null ? null : new Date(json.archivedAt),
  createdAt: new Date(json.createdAt),
  updatedAt: new Date(json.updatedAt),
});

/** A document as a send reads it (DocumentsService.forSend). */
export interface SendableDocument {
  number: string;
  canEdit: boolean;
  /** A send of it is still waiting in the outbox. */
  hasScheduledSends: boolean;
  /** The whole document, when it was asked for (a PDF rendered now). */
  detail: DocumentDetailDto | null;
}

@Injectable()
export class DocumentsService {
  constructor(
    @InjectRepository(Document) private readonly documents: Repository<Document>,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: DocumentAccessPolicy,
    private readonly statements: PreparedStatements,
  ) {}

  /**
   * One page, filtered in SQL by what the actor may see, with its total count in the same statement (a
   * scalar subquery PostgreSQL runs once): one round trip a page. Only a page past the end, which has no row
   * to carry the count, costs a second query.
   */
  async list(type: DocumentType, query: DocumentListQueryDto, actor: Actor): Promise<DocumentPage> {
    const { page, count } = documentListQuery(type, query, this.policy.listScope(actor));
    const rows = await this.statements.run<DocumentListRow>(page.statement, page.values);
    const matching = rows.length
      ? rows[0].matching
      : query.page > 1
        ? (await this.statements.run<{ matching: string }>(count.statement, count.values))[0]?.matching
        : 0;
    const items = rows.map((row) =>
      toSummary(
        row,
        { id: row.companyId, name: row.companyName },
        { id: row.ownerId, name: row.ownerName },
        this.policy.access(actor, { type, ownerId: row.ownerId, accountManagerId: row.accountManagerId }) === 'write',
      ),
    );
    return { items, total: Number(matching ?? 0), page: query.page, pageSize: query.pageSize };
  }

  /** The documents of a type in a status that the actor may change and send, by number, at most `limit`. */
  async writableIds(type: DocumentType, status: DocumentStatus, actor: Actor, limit: number): Promise<string[]> {
    const { page } = documentListQuery(type, { page: 1, pageSize: limit, sort: 'number', status }, this.policy.listScope(actor));
    const rows = await this.statements.run<DocumentListRow>(page.statement, page.values);
    return rows
      .filter((row) => this.policy.access(actor, { type, ownerId: row.ownerId, accountManagerId: row.accountManagerId }) === 'write')
      .map((row) => row.id);
  }

  async detail(type: DocumentType, id: string, actor: Actor): Promise<DocumentDetailDto> {
    return (await this.detailWithSends(type, id, actor)).detail;
  }

  private async detailWithSends(type: DocumentType, id: string, actor: Actor): Promise<{ detail: DocumentDetailDto; hasScheduledSends: boolean }> {
    const [document] = await this.statements.run<DocumentDetailRow>(DOCUMENT_DETAIL, [id, type]);
    if (!document) throw this.notFound(type, id);
    const company = toCompanyDetailDto(companyOf(document.company));
    const access = this.policy.access(actor, { type, ownerId: document.owner.id, accountManagerId: company.accountManager?.id ?? null });
    if (access === 'none') throw this.notFound(type, id);
    const detail = {
      ...toSummary(document, company, document.owner, access === 'write'),
      owner: document.owner,
      company,
      notes: document.notes,
      lines: document.lines,
    };
    return { detail, hasScheduledSends: document.hasScheduledSends };
  }

  /**
   * What a send needs of the document, in one statement: its number, whether the actor may send it, whether a send
   * of it is still scheduled, and with `withDetail` the whole document (for a PDF rendered now); else the access
   * guard's small query, no lines, contacts or company to load. A document the actor may not see is a 404.
   */
  async forSend(type: DocumentType, id: string, actor: Actor, withDetail: boolean): Promise<SendableDocument> {
    if (withDetail) {
      const { detail, hasScheduledSends } = await this.detailWithSends(type, id, actor);
      return { number: detail.number, canEdit: detail.canEdit, hasScheduledSends, detail };
    }
    const [subject] = await this.statements.run<DocumentAccessSubject & { number: string; hasScheduledSends: boolean }>(SENDABLE, [id, type]);
    const access = subject ? this.policy.access(actor, subject) : 'none';
    if (!subject || access === 'none') throw this.notFound(type, id);
    return { number: subject.number, canEdit: access === 'write', hasScheduledSends: subject.hasScheduledSends, detail: null };
  }

  /** What the access guard needs (and the document's number), in one small query; null when there is no such document. */
  async accessSubject(type: DocumentType, id: string): Promise<(DocumentAccessSubject & { number: string }) | null> {
    const [row] = await this.statements.run<DocumentAccessSubject & { number: string }>(ACCESS_SUBJECT, [id, type]);
    return row ?? null;
  }

  async create(type: DocumentType, dto: CreateDocumentDto, actor: AuthUser): Promise<DocumentDetailDto> {
    if (!this.policy.canCreate(actor, type)) {
      throw new AppException(ErrorCode.FORBIDDEN_ROLE, `Your role cannot create ${type}s.`);
    }
    const ownerId = await this.resolveOwner(dto.ownerId, actor);
    const company = await this.companyToFileUnder(dto.companyId, actor);
    const issueDate = dto.issueDate ?? today();
    const dates = resolveDates(type, { ...dto, issueDate }, true);
    const totals = this.price(dto.lines, dto.currency);

    const id = await this.dataSource.transaction(async (manager) => {
      const number = await this.nextNumber(manager, type, Number(issueDate.slice(0, 4)));
      const document = manager.create(Document, {
        type,
        number,
        companyId: company.id,
        ownerId,
        status: 'draft',
        currency: dto.currency,
        issueDate,
        ...dates,
        notes: dto.notes ?? '',
        subtotal: totals.subtotal,
        taxTotal: totals.taxTotal,
        total: totals.total,
        searchText: `${number} ${company.name}`.toLowerCase(),
        lines: totals.lines.map((line, index) => manager.create(DocumentLine, { ...line, position: index + 1 })),
      });
      return (await manager.save(document)).id;
    });
    return this.detail(type, id, actor);
  }

  /**
   * A new draft from a document the actor may read: the same company, line items, currency and notes, with dates
   * starting afresh; a quote may also become an invoice or a contract. Admins keep the source's owner; anyone
   * else owns the copy.
   */
  async copy(type: DocumentType, id: string, as: DocumentType, actor: AuthUser): Promise<DocumentDetailDto> {
    if (!DOCUMENT_COPIES[type].includes(as)) {
      throw FieldValidationError.of('as', `A ${type} can be copied as ${DOCUMENT_COPIES[type].join(' or ')}, not as ${as}.`);
    }
    const source = await this.detail(type, id, actor);
    const lines = source.lines.map(({ description, quantity, unitPrice, discountPercent, taxRate }) => ({
      description,
      quantity,
      unitPrice,
      discountPercent,
      taxRate,
    }));
    return this.create(
      as,
      {
        companyId: source.company.id,
        currency: source.currency,
        notes: source.notes,
        lines,
        ...(this.policy.canAssignOwner(actor) ? { ownerId: source.owner.id } : {}),
      },
      actor,
    );
  }

  /** Status moves along the allowed transitions; everything else may change only while it is a draft. */
  async update(type: DocumentType, id: string, dto: UpdateDocumentDto, actor: AuthUser): Promise<DocumentDetailDto> {
    const { status, ...fields } = dto;
    const editing = Object.values(fields).some((value) => value !== undefined);
    const company = fields.companyId ? await this.companyToFileUnder(fields.companyId, actor) : undefined;

    await this.dataSource.transaction(async (manager) => {
      const document = await manager.findOne(Document, {
        where: { id, type },
        lock: { mode: 'pessimistic_write' },
      });
      if (!document) throw this.notFound(type, id);
      if (editing && document.status !== 'draft') {
        throw new ConflictError(
          ErrorCode.DOCUMENT_NOT_EDITABLE,
          `${document.number} is ${document.status}: only drafts can be changed. Create a new ${type} instead.`,
        );
      }
      if (status && status !== document.status) {
        assertTransition(type, document.status, status, document.number);
        document.status = status;
      }
      if (editing) {
        const issueDate = fields.issueDate ?? document.issueDate;
        const currencyBefore = document.currency;
        const merged = { ...pickDates(document), ...fields, issueDate };
        Object.assign(document, resolveDates(type, merged, false), {
          issueDate,
          currency: fields.currency ?? document.currency,
          notes: fields.notes ?? document.notes,
        });
        if (company) {
          document.companyId = company.id;
          document.searchText = `${document.number} ${company.name}`.toLowerCase();
        }
        // new lines, or the stored ones in another currency (whose smallest unit may round them differently)
        const currencyChanged = fields.currency !== undefined && fields.currency !== currencyBefore;
        const lines =
          fields.lines ?? (currencyChanged ? await manager.find(DocumentLine, { where: { documentId: id }, order: { position: 'ASC' } }) : undefined);
        if (lines) {
          const totals = this.price(lines, document.currency, fields.lines ? 'lines' : 'currency');
          await manager.delete(DocumentLine, { documentId: id });
          await manager.insert(
            DocumentLine,
            totals.lines.map((line, index) => ({ ...line, position: index + 1, documentId: id })),
          );
          Object.assign(document, { subtotal: totals.subtotal, taxTotal: totals.taxTotal, total: totals.total });
        }
      }
      await manager.save(document);
    });
    return this.detail(type, id, actor);
  }

  private async nextNumber(manager: EntityManager, type: DocumentType, year: number): Promise<string> {
    const [{ last_value: value }] = await this.statements.run<{ last_value: number }>(NEXT_NUMBER, [type, year], manager);
    return `${DOCUMENT_PREFIXES[type]}-${year}-${String(value).padStart(4, '0')}`;
  }

  private async resolveOwner(ownerId: string | undefined, actor: AuthUser): Promise<string> {
    if (!ownerId || ownerId === actor.id) return actor.id;
    if (!this.policy.canAssignOwner(actor)) {
      throw new FieldValidationError([{ field: 'ownerId', messages: ['only admins and superusers can create documents for someone else'] }]);
    }
    if (!(await this.users.isActive(ownerId))) {
      throw new NotFoundError(ErrorCode.USER_NOT_FOUND, `No active user with id ${ownerId}.`);
    }
    return ownerId;
  }

  /** A company the actor may file documents under (see DocumentAccessPolicy.canFileUnder); others are not found. */
  private async companyToFileUnder(id: string, actor: AuthUser): Promise<Company> {
    const company = await this.companies.findOneBy({ id });
    if (!company || !this.policy.canFileUnder(actor, company.accountManagerId))
      throw new NotFoundError(ErrorCode.COMPANY_NOT_FOUND, `No company with id ${id}.`);
    if (company.archivedAt)
      throw new ConflictError(ErrorCode.COMPANY_ARCHIVED, `${company.name} is archived: restore it before filing new documents under it.`);
    return company;
  }

  /**
   * The lines priced in `currency`, or a 400: on each unit price with more decimals than the currency has (on
   * `currency` when it is the currency that changed under stored lines), or on `lines` when the total would not fit.
   */
  private price(lines: LineItemInput[], currency: string, field: 'lines' | 'currency' = 'lines'): Totals {
    const decimals = currencyDecimals(currency);
    const unit = decimals ? `at most ${decimals} decimal${decimals === 1 ? '' : 's'}` : 'no decimals';
    const tooFine = lines.flatMap((line, index) => (isDecimal(line.unitPrice, decimals) ? [] : [index]));
    if (tooFine.length && field === 'currency') {
      throw FieldValidationError.of(
        'currency',
        `${currency} prices have ${unit}: change the unit prices of line ${tooFine.map((index) => index + 1).join(', ')} first.`,
      );
    }
    if (tooFine.length) {
      throw new FieldValidationError(tooFine.map((index) => ({ field: `lines.${index}.unitPrice`, messages: [`${currency} prices have ${unit}`] })));
    }
    const totals = priceLines(lines, currency);
    if (exceedsMaxAmount(totals)) throw FieldValidationError.of('lines', `The total is too large: a document holds at most ${formatAmount(MAX_AMOUNT)}.`);
    return totals;
  }

  private notFound(type: DocumentType, id: string): NotFoundError {
    return new NotFoundError(ErrorCode.DOCUMENT_NOT_FOUND, `No ${type} with id ${id}.`);
  }
}

function pickDates(document: Document) {
  return { validUntil: document.validUntil, startDate: document.startDate, endDate: document.endDate, dueDate: document.dueDate };
}
