#!/usr/bin/env node
// Load benchmark: many concurrent clients for a while, mixing the three things sales staff do all day: open a
// list (70%), open the Send dialog's draft (20%) and send a quote (10%, no PDF, through each user's own mailbox
// at a local smtp-server sink with AUTH and STARTTLS). The baseline is the same mix at 4 clients in the same run,
// so the ratios show what concurrency costs: p99 per route, CPU per operation (API, PostgreSQL, load generator,
// read from /proc), errors by code, the API's RSS at start and end, and the most sockets open at once.
//
//   npm run build && node bench/load.mjs [--clients 200] [--seconds 60] [--users 20]
//
// Uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432): creates and drops a
// database `sendas_load_<pid>`.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { cpuPerOperation, cpuSnapshot, httpClient, rssMb, sinkMailbox, startApp, startSink, stopApp } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    users: { type: 'string', default: '20' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const USERS = Number(args.users);
const BASELINE_CLIENTS = 4;
const BASELINE_SECONDS = Math.max(5, Math.round(SECONDS / 6));
const PASSWORD = 'bench-password-1';
const DB_POOL = 10;
const SMTP_CONNECTIONS_PER_MAILBOX = 2;

const openSockets = (pid) =>
  readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `sendas_load_${process.pid}`;
const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const sink = await startSink();
const { base, child } = await startApp({ DATABASE_URL: `${server}/${database}`, SECRETS_KEYS: `bench:${randomBytes(32).toString('base64')}` });
const apiPid = child.pid;
const http = httpClient(base, CLIENTS + 8);

async function api(path, { token, method = 'GET', body } = {}) {
  const response = await http(path, { method, token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Runs `clients` loops for `seconds`, each picking list / draft / send; returns per-route latencies, errors and CPU. */
async function phase(users, clients, seconds) {
  const routes = { list: [], draft: [], send: [] };
  const errors = new Map();
  let maxSockets = 0;
  const sampler = setInterval(() => (maxSockets = Math.max(maxSockets, openSockets(apiPid))), 250);
  const before = cpuSnapshot(apiPid);
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const user = users[c % users.length];
      for (let i = 0; performance.now() < deadline; i++) {
        const roll = Math.random();
        const quote = user.quotes[(c + i) % user.quotes.length];
        const [route, path, options] =
          roll < 0.7
            ? ['list', `/api/quotes?page=${1 + (i % 3)}&pageSize=25`, {}]
            : roll < 0.9
              ? ['draft', `/api/quotes/${quote}/email-draft`, {}]
              : [
                  'send',
                  `/api/quotes/${quote}/send`,
                  {
                    method: 'POST',
                    body: { recipients: ['buyer@load.example'], subject: `Quote ${randomUUID().slice(0, 8)}`, body: 'Dear Buyer,', attachPdf: false },
                  },
                ];
        const started = performance.now();
        const response = await http(path, { token: user.token, ...options }).catch((error) => ({ status: 0, body: { code: error.code ?? error.message } }));
        routes[route].push(performance.now() - started);
        if (response.status >= 300) {
          const key = `${route} ${response.status} ${response.body?.code ?? ''}`;
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  clearInterval(sampler);
  const operations = routes.list.length + routes.draft.length + routes.send.length;
  const after = cpuSnapshot(apiPid);
  const cpuApiMs = (1000 * (after.api - before.api)) / operations;
  return { routes, errors, operations, rate: operations / seconds, cpu: cpuPerOperation(before, after, operations), cpuApiMs, maxSockets };
}

try {
  const norbert = (await api('/api/auth/login', { method: 'POST', body: { email: 'norbert@bmasiamusic.com', password: 'sendas-demo' } })).accessToken;
  console.error(`setting up ${USERS} users, each with a mailbox at the sink, a company and 20 quotes...`);
  const users = [];
  for (let u = 0; u < USERS; u++) {
    const email = `seller${u}@load.example`;
    const created = await api('/api/users', { token: norbert, method: 'POST', body: { email, name: `Seller ${u}`, role: 'sales', password: PASSWORD } });
    await api(`/api/users/${created.id}/smtp`, {
      token: norbert,
      method: 'PUT',
      body: sinkMailbox(sink.port, email),
    });
    const token = (await api('/api/auth/login', { method: 'POST', body: { email, password: PASSWORD } })).accessToken;
    const company = await api('/api/companies', { token, method: 'POST', body: { name: `Load Customer ${u}`, country: 'TH' } });
    await api(`/api/companies/${company.id}/contacts`, { token, method: 'POST', body: { name: 'Buyer', email: 'buyer@load.example', isPrimary: true } });
    const quotes = [];
    for (let q = 0; q < 20; q++) {
      quotes.push(
        (
          await api('/api/quotes', {
            token,
            method: 'POST',
            body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
          })
        ).id,
      );
    }
    users.push({ token, quotes });
  }

  console.error(`baseline: ${BASELINE_CLIENTS} clients for ${BASELINE_SECONDS} s...`);
  const baseline = await phase(users, BASELINE_CLIENTS, BASELINE_SECONDS);
  const rssStart = rssMb(apiPid);
  console.error(`load: ${CLIENTS} clients for ${SECONDS} s...`);
  const load = await phase(users, CLIENTS, SECONDS);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rssEnd = rssMb(apiPid);

  console.log(
    `\n${CLIENTS} clients for ${SECONDS} s against the same mix at ${BASELINE_CLIENTS} clients for ${BASELINE_SECONDS} s (${USERS} users, list 70% / draft 20% / send 10%)\n`,
  );
  console.log('| route | ops at 4 | p50 at 4 | p99 at 4 | ops under load | p50 under load | p99 under load |');
  console.log('|---|---|---|---|---|---|---|');
  for (const route of ['list', 'draft', 'send']) {
    const at4 = [...baseline.routes[route]].sort((a, b) => a - b);
    const loaded = [...load.routes[route]].sort((a, b) => a - b);
    const ms = (value) => value.toFixed(1);
    console.log(
      `| ${route} | ${at4.length} | ${ms(percentile(at4, 50))} | ${ms(percentile(at4, 99))} | ${loaded.length} | ${ms(percentile(loaded, 50))} | ${ms(percentile(loaded, 99))} |`,
    );
  }
  console.log(
    `\nthroughput: ${baseline.rate.toFixed(0)} ops/s at ${BASELINE_CLIENTS} clients, ${load.rate.toFixed(0)} ops/s at ${CLIENTS} (${(load.rate / baseline.rate).toFixed(2)}x)`,
  );
  console.log(`CPU ms per operation at ${BASELINE_CLIENTS}: ${baseline.cpu}`);
  console.log(`CPU ms per operation at ${CLIENTS}: ${load.cpu}  (API ${(load.cpuApiMs / baseline.cpuApiMs).toFixed(2)}x of the baseline's)`);
  const errorLines = (errors) => (errors.size ? [...errors].map(([key, count]) => `${key}: ${count}`).join(', ') : 'none');
  console.log(`errors at ${BASELINE_CLIENTS}: ${errorLines(baseline.errors)}; under load: ${errorLines(load.errors)}`);
  console.log(`API RSS: ${rssStart.toFixed(0)} MB after the baseline, ${rssEnd.toFixed(0)} MB after the load (${(rssEnd / rssStart).toFixed(2)}x)`);
  const socketBound = CLIENTS + DB_POOL + USERS * SMTP_CONNECTIONS_PER_MAILBOX + 4;
  console.log(
    `sockets open in the API at most: ${load.maxSockets} (bound: ${CLIENTS} clients + ${DB_POOL} database + ${USERS}×${SMTP_CONNECTIONS_PER_MAILBOX} SMTP + listeners = ${socketBound}); at the sink at most ${sink.stats.maxOpen}; messages received ${sink.stats.received}`,
  );
  if (load.errors.size || load.maxSockets > socketBound) process.exitCode = 1;
} finally {
  await stopApp(child);
  await sink.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
