import type { DataSource } from 'typeorm';
import { DOCUMENT_PREFIXES, DOCUMENT_STATUSES, DOCUMENT_TYPES } from '@sendas/contracts';
import { preparedStatement, PreparedStatements } from '../database';
import { PasswordHasher, User, UsersService } from '../users';

const BULK_YEAR = 2025;
const COMPANIES = 200;
const OWNERS = ['pom@bmasiamusic.com', 'keith@bmasiamusic.com'];

const BULK_COMPANIES = preparedStatement(
  'bulk_seed_companies',
  `INSERT INTO companies (name, country, billing_address, account_manager_id)
   SELECT 'Bulk Customer ' || lpad(g::text, 4, '0') || ' ' || (ARRAY['Hotel','Café','Fitness','Retail','Spa'])[1 + g % 5],
          'TH', g || ' Sukhumvit Road, Bangkok', ($1::uuid[])[1 + g % 2]
   FROM generate_series(1, $2::int) g
   WHERE NOT EXISTS (SELECT 1 FROM companies WHERE name LIKE 'Bulk Customer %')`,
);

/** Takes $3 numbers of the year's counter at once; returns the last number before them. */
const TAKE_NUMBERS = preparedStatement(
  'bulk_seed_numbers',
  `INSERT INTO document_counters (type, year, last_value) VALUES ($1, $2, $3)
   ON CONFLICT (type, year) DO UPDATE SET last_value = document_counters.last_value + $3
   RETURNING last_value - $3 AS last_value`,
);

const BULK_DOCUMENTS = preparedStatement(
  'bulk_seed_documents',
  `WITH bulk AS (SELECT array_agg(id ORDER BY name) AS ids, array_agg(name ORDER BY name) AS names
                 FROM companies WHERE name LIKE 'Bulk Customer %'),
   rows AS (
     SELECT g,
            $2::text || '-' || $3::text || '-' || lpad(($4::int + g)::text, greatest(4, length(($4::int + g)::text)), '0') AS number,
            bulk.ids[1 + g % array_length(bulk.ids, 1)] AS company_id,
            bulk.names[1 + g % array_length(bulk.names, 1)] AS company_name,
            (date '2025-01-01' + (g % 365)) AS issue_date,
            round((100 + (g * 7919) % 90000) / 100.0, 2) * 10 AS subtotal
     FROM bulk, generate_series(1, $5::int) g),
   inserted AS (
     INSERT INTO documents (type, number, company_id, owner_id, status, currency, issue_date, valid_until,
                            start_date, end_date, due_date, subtotal, tax_total, total, search_text)
     SELECT $1::varchar, number, company_id, ($6::uuid[])[1 + g % 2], ($7::text[])[1 + g % array_length($7::text[], 1)], 'THB',
            issue_date,
            CASE WHEN $1::varchar = 'quote' THEN issue_date + 30 END,
            CASE WHEN $1::varchar = 'contract' THEN issue_date END,
            CASE WHEN $1::varchar = 'contract' THEN issue_date + 364 END,
            CASE WHEN $1::varchar = 'invoice' THEN issue_date + 30 END,
            subtotal, round(subtotal * 0.07, 2), subtotal + round(subtotal * 0.07, 2),
            lower(number || ' ' || company_name)
     FROM rows
     RETURNING id, subtotal, tax_total)
   INSERT INTO document_lines (document_id, position, description, quantity, unit_price, tax_rate, net_amount, tax_amount)
   SELECT id, 1, 'Background music licence, 12 months', 1, subtotal, 7, subtotal, tax_total FROM inserted`,
);

const ANALYZE = preparedStatement('bulk_seed_analyze', 'ANALYZE documents, companies, document_lines');

/**
 * Benchmark data in a few set-based statements: `perType` quotes, contracts and invoices of the year 2025
 * for 200 bulk companies, owned by Pom and Keith in turn, each with one line item. Numbers continue the
 * year's counter, so running it twice adds more.
 */
export async function seedBulkDocuments(dataSource: DataSource, perType: number): Promise<void> {
  // The owners are looked up through the users module, not read from its table (this runs outside the app).
  const users = new UsersService(dataSource.getRepository(User), new PasswordHasher());
  const statements = PreparedStatements.unnamed(dataSource);
  const ids = await users.idsByEmail(OWNERS);
  const ownerIds = OWNERS.map((email) => ids.get(email));
  if (ownerIds.some((id) => !id)) {
    throw new Error('The demo team is missing: start Sendas once (npm start) so Pom and Keith exist, then run this again.');
  }

  await statements.run(BULK_COMPANIES, [ownerIds, COMPANIES]);

  for (const type of DOCUMENT_TYPES) {
    await dataSource.transaction(async (manager) => {
      const [{ last_value: start }] = await statements.run<{ last_value: number }>(TAKE_NUMBERS, [type, BULK_YEAR, perType], manager);
      await statements.run(BULK_DOCUMENTS, [type, DOCUMENT_PREFIXES[type], BULK_YEAR, start, perType, ownerIds, DOCUMENT_STATUSES[type]], manager);
    });
  }
  await statements.run(ANALYZE, []);
}
