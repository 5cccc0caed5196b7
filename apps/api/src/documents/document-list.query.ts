import type { DocumentListQuery, DocumentSummaryDto, DocumentType } from '@sendas/contracts';
import { escapeLike, sha256Hex } from '../common';
import { preparedStatement, type PreparedStatement } from '../database';

const SORT_COLUMNS: Record<string, string> = {
  number: 'd.number',
  date: 'd.issue_date',
  company: 'c.name',
  total: 'd.total',
  status: 'd.status',
};

/**
 * What a list row shows, read raw (no entity hydration): no notes, no line items, owner by name only. Dates
 * are read as text: pg would turn a date into a midnight timestamp in the server's time zone.
 */
const SUMMARY_COLUMNS = `d.id AS id, d.type AS type, d.number AS number, d.status AS status, d.currency AS currency,
  d.subtotal AS subtotal, d.tax_total AS "taxTotal", d.total AS total, d.issue_date::text AS "issueDate",
  d.valid_until::text AS "validUntil", d.start_date::text AS "startDate", d.end_date::text AS "endDate",
  d.due_date::text AS "dueDate", d.updated_at AS "updatedAt", c.id AS "companyId", c.name AS "companyName",
  o.id AS "ownerId", o.name AS "ownerName", c.account_manager_id AS "accountManagerId", d.last_send_problem AS "lastSendProblem"`;

export type DocumentListRow = Omit<DocumentSummaryDto, 'company' | 'owner' | 'updatedAt' | 'canEdit'> & {
  updatedAt: Date;
  companyId: string;
  companyName: string;
  accountManagerId: string | null;
  ownerId: string;
  ownerName: string;
  /** How many documents match the filters, on every row. */
  matching: string;
};

/** A list statement ready to run: prepared once per connection under a name that follows from its text. */
export interface ListStatement {
  statement: PreparedStatement;
  values: unknown[];
}

const named = (text: string): PreparedStatement => preparedStatement(`document_list_${sha256Hex(text).slice(0, 24)}`, text);

/**
 * The statements of one list page, as SQL text and positional values (no query builder: this runs for every page).
 * `page` carries the rows and, as a scalar subquery PostgreSQL runs once, the number of matching documents; `count`
 * alone is for a page past the end. `scope` is the access policy's WHERE fragment with `:name` parameters (null:
 * every row). DocumentsService.list runs these, and bench/documents-list.mjs runs the same statement through plain
 * pg as its baseline.
 */
export function documentListQuery(
  type: DocumentType,
  query: Required<Pick<DocumentListQuery, 'page' | 'pageSize' | 'sort'>> & DocumentListQuery,
  scope: { where: string; params: Record<string, string> } | null,
): { page: ListStatement; count: ListStatement } {
  const values: unknown[] = [type];
  const parameter = (value: unknown) => `$${values.push(value)}`;
  const conditions = ['d.type = $1'];
  if (scope) conditions.push(scope.where.replace(/:(\w+)/g, (_, name: string) => parameter(scope.params[name])));
  if (query.status) conditions.push(`d.status = ${parameter(query.status)}`);
  if (query.companyId) conditions.push(`d.company_id = ${parameter(query.companyId)}`);
  if (query.ownerId) conditions.push(`d.owner_id = ${parameter(query.ownerId)}`);
  if (query.q) conditions.push(`d.search_text LIKE ${parameter(`%${escapeLike(query.q.trim().toLowerCase())}%`)}`);
  const where = conditions.join(' AND ');
  const countText = `SELECT count(*) AS matching FROM documents d${scope ? ' JOIN companies c ON c.id = d.company_id' : ''} WHERE ${where}`;
  const filterValues = [...values];

  const order = query.sort.startsWith('-') ? 'DESC' : 'ASC';
  const pageText =
    `SELECT ${SUMMARY_COLUMNS}, (${countText}) AS matching FROM documents d JOIN companies c ON c.id = d.company_id ` +
    `JOIN users o ON o.id = d.owner_id WHERE ${where} ORDER BY ${SORT_COLUMNS[query.sort.replace(/^-/, '')]} ${order}, d.number ${order} ` +
    `LIMIT ${parameter(query.pageSize)} OFFSET ${parameter((query.page - 1) * query.pageSize)}`;
  return { page: { statement: named(pageText), values }, count: { statement: named(countText), values: filterValues } };
}
