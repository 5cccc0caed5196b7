// The statement the API runs for the benchmarked page (see DocumentsService.list): the page with its count
// as a scalar subquery. The raw SQL baseline and the bare server run exactly this.
export const LIST_SQL = (search) => {
  const where = `d.type = $1 AND d.owner_id = $2 ${search ? 'AND d.search_text LIKE $3' : ''}`;
  return `
  SELECT d.id, d.type, d.number, d.status, d.currency, d.subtotal, d.tax_total AS "taxTotal", d.total,
         d.issue_date::text AS "issueDate", d.valid_until::text AS "validUntil", d.start_date::text AS "startDate",
         d.end_date::text AS "endDate", d.due_date::text AS "dueDate", d.updated_at AS "updatedAt",
         c.id AS "companyId", c.name AS "companyName", o.id AS "ownerId", o.name AS "ownerName",
         (SELECT count(*) FROM documents d WHERE ${where}) AS matching
  FROM documents d JOIN companies c ON c.id = d.company_id JOIN users o ON o.id = d.owner_id
  WHERE ${where}
  ORDER BY d.issue_date DESC, d.number DESC LIMIT 50 OFFSET 0`;
};
