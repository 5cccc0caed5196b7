#!/usr/bin/env node
// Documents list benchmark: the list page (50 rows sorted by date, filtered by owner, with its total
// count) through the real HTTP API with a JWT, next to the same SQL run directly through `pg` in the same
// run (the baseline), at 4 and 32 concurrent clients, plain and with a `q` search; then the raw SQL again
// without the owner and trigram indexes, to show what they buy. On PostgreSQL also a bare node:http + pg
// server running the same statement (bench/bare-list-server.mjs): the floor for any Node.js API here.
//
//   npm run build && node bench/documents-list.mjs [--target postgres|embedded|both] [--documents 10000] [--seconds 5]
//
// postgres uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432) and creates and
// drops a database `sendas_bench_<pid>` on it; embedded starts Sendas on a fresh data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startBareListServer } from './bare-list-server.mjs';
import { cpuPerOperation, cpuSnapshot, freePort, httpClient, startApp, stopApp } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const { seedBulkDocuments } = require('../dist/api/apps/api/src/documents/bulk-seed.js');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('../dist/api/apps/api/src/database/data-source.js');
const { documentListQuery } = require('../dist/api/apps/api/src/documents/document-list.query.js');

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: 'both' },
    documents: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
  },
});
const PER_TYPE = Number(args.documents);
const SECONDS = Number(args.seconds);
const SEARCH = 'customer 012';

/** Closed loop: `clients` workers each run `task` back to back for SECONDS; latencies in ms, CPU per page. */
async function measure(clients, task, apiPid) {
  for (let i = 0; i < clients; i++) await task(); // warm-up
  const before = cpuSnapshot(apiPid);
  const latencies = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await task();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), cpu: cpuPerOperation(before, cpuSnapshot(apiPid), latencies.length) };
}

async function benchTarget(name, databaseUrl, appEnv, withFloor = false) {
  console.error(`\n[${name}] starting Sendas and seeding ${PER_TYPE} documents of each type...`);
  let bare = null;
  const { base, child } = await startApp(appEnv);
  const results = [];
  try {
    const dataSource = await new DataSource(dataSourceOptions(databaseUrl())).initialize();
    await seedBulkDocuments(dataSource, PER_TYPE);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'norbert@bmasiamusic.com', password: 'sendas-demo' }),
    }).then((r) => r.json());
    const headers = { Authorization: `Bearer ${login.accessToken}` };
    const users = await fetch(`${base}/api/users`, { headers }).then((r) => r.json());
    const http = httpClient(base);
    const pom = users.find((u) => u.email === 'pom@bmasiamusic.com').id;
    // The statement the API runs for this page (Norbert sees every row: no access scope), built by the API's own code.
    const statement = (search) => {
      const { page } = documentListQuery('quote', { page: 1, pageSize: 50, sort: '-date', ownerId: pom, ...(search ? { q: SEARCH } : {}) }, null);
      return [page.statement, page.values];
    };
    const statements = { plain: statement(false), search: statement(true) };
    await dataSource.destroy();
    // On PostgreSQL, the floor for any Node.js API: a bare server running the same statement (see its file).
    bare = withFloor ? await startBareListServer(databaseUrl(), await freePort(), statements) : null;
    if (bare) bare.http = httpClient(bare.base);

    for (const search of [false, true]) {
      const query = new URLSearchParams({ ownerId: pom, pageSize: '50', sort: '-date', ...(search ? { q: SEARCH } : {}) });
      const [{ text: sql }, params] = statements[search ? 'search' : 'plain'];
      for (const clients of [4, 32]) {
        const pool = new pg.Pool({ connectionString: databaseUrl(), max: Math.min(clients, 8) });
        const raw = await measure(
          clients,
          async () => {
            await pool.query(sql, params);
          },
          child.pid,
        );
        await pool.end();
        const api = await measure(
          clients,
          async () => {
            const response = await http(`/api/quotes?${query}`, { token: login.accessToken });
            if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          },
          child.pid,
        );
        results.push({ target: name, page: search ? `search "${SEARCH}"` : 'by owner', clients, api, sql: raw });
        if (bare) {
          const floor = await measure(
            clients,
            async () => {
              const response = await bare.http(`/?${query}`);
              if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
            },
            bare.child.pid,
          );
          results.push({ target: name, page: `${search ? `search "${SEARCH}"` : 'by owner'}: bare node:http + pg (floor)`, clients, api: floor, sql: raw });
        }
        console.error(`[${name}] ${search ? 'search' : 'list'} x${clients}: done`);
      }
    }

    // What the indexes buy: the raw SQL without them, at 4 clients.
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 4 });
    await pool.query('DROP INDEX "IX_documents_type_owner_date"; DROP INDEX "IX_documents_search_trgm"');
    for (const search of [false, true]) {
      const [{ text: sql }, params] = statements[search ? 'search' : 'plain'];
      const raw = await measure(
        4,
        async () => {
          await pool.query(sql, params);
        },
        child.pid,
      );
      results.push({ target: name, page: `${search ? `search "${SEARCH}"` : 'by owner'}, no index`, clients: 4, sql: raw });
    }
    await pool.query(
      `CREATE INDEX "IX_documents_type_owner_date" ON "documents" ("type", "owner_id", "issue_date" DESC, "number" DESC);
       CREATE INDEX "IX_documents_search_trgm" ON "documents" USING gin ("search_text" gin_trgm_ops)`,
    );
    await pool.end();
  } finally {
    if (bare) await stopApp(bare.child);
    await stopApp(child);
  }
  return results;
}

const fmt = (n) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
function report(results) {
  console.log(`\nDocuments list, ${PER_TYPE} documents per type, ${SECONDS} s per run (page loads/s; latency ms)`);
  console.log(
    '| database | page | clients | API loads/s | API p50 | API p99 | raw SQL loads/s | SQL p50 | SQL p99 | API / SQL | CPU ms/page, API | CPU ms/page, raw SQL |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const ratio = r.api ? `${(r.api.perSecond / r.sql.perSecond).toFixed(2)}x` : '';
    console.log(
      `| ${r.target} | ${r.page} | ${r.clients} | ${fmt(r.api?.perSecond)} | ${fmt(r.api?.p50)} | ${fmt(r.api?.p99)} | ${fmt(r.sql.perSecond)} | ${fmt(r.sql.p50)} | ${fmt(r.sql.p99)} | ${ratio} | ${r.api?.cpu ?? ''} | ${r.sql.cpu} |`,
    );
  }
}

const all = [];
if (args.target === 'postgres' || args.target === 'both') {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const database = `sendas_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    all.push(...(await benchTarget('PostgreSQL', () => `${server}/${database}`, { DATABASE_URL: `${server}/${database}` }, true)));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}
if (args.target === 'embedded' || args.target === 'both') {
  const dataDir = mkdtempSync(join(tmpdir(), 'sendas-bench-'));
  const pgPort = await freePort();
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) };
  delete process.env.DATABASE_URL;
  try {
    all.push(...(await benchTarget('embedded (PGlite)', () => `postgresql://postgres:postgres@127.0.0.1:${pgPort}/postgres?sslmode=disable`, env)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
report(all);
