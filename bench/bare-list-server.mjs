// The floor for any Node.js HTTP API serving the list page on this machine: node:http and a pg pool the size
// of the API's, the same statement, the same JSON shape; no framework, no sign-in, no access scope, no
// validation, no logging. Run as its own process, like the API:
//   node bench/bare-list-server.mjs   (DATABASE_URL and PORT from the environment)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Starts this file as a child process on a free port; resolves once it listens. `statements` are the API's own
 * list statements ([{ name, text }, values], built by documentListQuery): `plain`, and `search` for requests with `q`.
 */
export async function startBareListServer(databaseUrl, port, statements) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LIST_STATEMENTS: JSON.stringify(statements) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', () => reject(new Error('the bare list server did not start')));
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pg = createRequire(import.meta.url)('pg');
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const statements = JSON.parse(process.env.LIST_STATEMENTS);
  createServer(async (request, response) => {
    const query = new URL(request.url, 'http://localhost').searchParams;
    const [statement, values] = statements[query.get('q') ? 'search' : 'plain'];
    const { rows } = await pool.query({ ...statement, values }); // a named prepared statement, as the API runs it
    const items = rows.map((row) => ({
      id: row.id,
      type: row.type,
      number: row.number,
      status: row.status,
      company: { id: row.companyId, name: row.companyName },
      owner: { id: row.ownerId, name: row.ownerName },
      currency: row.currency,
      subtotal: row.subtotal,
      taxTotal: row.taxTotal,
      total: row.total,
      issueDate: row.issueDate,
      validUntil: row.validUntil,
      startDate: row.startDate,
      endDate: row.endDate,
      dueDate: row.dueDate,
      updatedAt: row.updatedAt.toISOString(),
    }));
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ items, total: Number(rows[0]?.matching ?? 0), page: 1, pageSize: 50 }));
  }).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
}
