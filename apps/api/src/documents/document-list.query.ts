import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { DocumentListQuery, DocumentSummaryDto, DocumentType } from '@sendas/contracts';
import { escapeLike } from '../common/sql';
import type { Document } from './document.entity';

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
  o.id AS "ownerId", o.name AS "ownerName", c.account_manager_id AS "accountManagerId"`;

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

/**
 * The statements of one list page: `page` carries the rows and, as a scalar subquery PostgreSQL runs once, the
 * number of matching documents; `count` alone is for a page past the end. `scope` is the access policy's
 * WHERE fragment (null: every row). DocumentsService.list runs these, and bench/documents-list.mjs runs the same
 * statement through plain pg as its baseline (getQueryAndParameters()).
 */
export function documentListQuery(
  documents: Repository<Document>,
  type: DocumentType,
  query: Required<Pick<DocumentListQuery, 'page' | 'pageSize' | 'sort'>> & DocumentListQuery,
  scope: { where: string; params: Record<string, string> } | null,
): { page: SelectQueryBuilder<Document>; count: SelectQueryBuilder<Document> } {
  const filtered = (qb: SelectQueryBuilder<Document>) => {
    qb.where('d.type = :type', { type });
    if (scope) qb.andWhere(scope.where, scope.params);
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.companyId) qb.andWhere('d.company_id = :companyId', { companyId: query.companyId });
    if (query.ownerId) qb.andWhere('d.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.q) qb.andWhere('d.search_text LIKE :q', { q: `%${escapeLike(query.q.trim().toLowerCase())}%` });
    return qb;
  };
  const count = filtered(documents.createQueryBuilder('d').select('count(*)', 'matching'));
  if (scope) count.innerJoin('d.company', 'c');

  const order = query.sort.startsWith('-') ? 'DESC' : 'ASC';
  const page = filtered(
    documents
      .createQueryBuilder('d')
      .innerJoin('d.company', 'c')
      .innerJoin('d.owner', 'o')
      .select(SUMMARY_COLUMNS)
      .addSelect(`(${count.getQuery()})`, 'matching'),
  )
    .orderBy(SORT_COLUMNS[query.sort.replace(/^-/, '')], order)
    .addOrderBy('d.number', order)
    .offset((query.page - 1) * query.pageSize)
    .limit(query.pageSize);
  return { page, count };
}
