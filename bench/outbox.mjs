#!/usr/bin/env node
// Outbox benchmark, against the local smtp-server sink with AUTH and STARTTLS. Every figure sits next to a baseline
// measured in the same run:
//  (a) N sends across M mailboxes queued at once (send later, all due now) and worked off by one `npm run worker`
//      process, against the same N sends made directly through the API (POST /send, 8 clients) in the same run:
//      messages per second and CPU per message of the process that sends (worker or API), PostgreSQL and the load;
//  (b) the same queued run with the worker killed (SIGKILL) halfway and started again: messages at the sink against
//      rows `sent`, none twice, none missing (a send cut off mid-conversation may end `unknown`).
//
//   npm run build && node bench/outbox.mjs [--sends 2000] [--mailboxes 50]
//
// Uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432): creates and drops a database
// `sendas_outbox_<pid>`. Pacing is off (each mailbox's sends_per_minute is 0): each send is scheduled on its own.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { cpuPerOperation, cpuSnapshot, httpClient, startApp, startSink, stopApp } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');
const { SecretBox, parseSecretKeys } = require('../dist/api/apps/api/src/crypto/secret-box.js');

const { values: args } = parseArgs({ options: { sends: { type: 'string', default: '2000' }, mailboxes: { type: 'string', default: '50' } } });
const SENDS = Number(args.sends);
const MAILBOXES = Number(args.mailboxes);
const SECRETS_KEYS = `bench:${randomBytes(32).toString('base64')}`;
const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `sendas_outbox_${process.pid}`;
const databaseUrl = `${server}/${database}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Short recovery times, for the run with the killed worker: a job whose worker died is taken again after 10 s. */
const RECOVERY = { OUTBOX_JOB_EXPIRE_SECONDS: '10', OUTBOX_MAINTENANCE_SECONDS: '2', SEND_STALE_AFTER_SECONDS: '15', SEND_SWEEP_INTERVAL_SECONDS: '2' };

function startWorker() {
  const child = spawn(process.execPath, ['dist/api/apps/api/src/worker.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SECRETS_KEYS, LOG_LEVEL: 'warn', OUTBOX_POLL_SECONDS: '1', ...RECOVERY },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const sink = await startSink({ keepSubjects: true });
const { base, child: api } = await startApp({ DATABASE_URL: databaseUrl, SECRETS_KEYS, WORKERS: 'false', ...RECOVERY });
const http = httpClient(base);
const call = async (path, { token, method = 'GET', body } = {}) => {
  const response = await http(path, { method, token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const results = [];
let worker;
try {
  const norbert = (await call('/api/auth/login', { method: 'POST', body: { email: 'norbert@bmasiamusic.com', password: 'sendas-demo' } })).accessToken;
  const company = await call('/api/companies', { token: norbert, method: 'POST', body: { name: 'Bench Customer', country: 'TH' } });
  const quote = await call('/api/quotes', {
    token: norbert,
    method: 'POST',
    body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
  });

  // Mailboxes written straight to the database (argon2 through the API for each would take a while).
  const box = new SecretBox(parseSecretKeys(SECRETS_KEYS));
  const hash = await argon2.hash('bench-password-1');
  const senders = [];
  for (let m = 0; m < MAILBOXES; m++) {
    const email = `box${m}@bench.example`;
    const {
      rows: [row],
    } = await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'sales', $3) RETURNING id`, [email, `Box ${m}`, hash]);
    await db.query(
      `INSERT INTO mailboxes (user_id, provider, host, port, security, username, from_email, from_name, password_enc, allow_self_signed, daily_limit, sends_per_minute)
       VALUES ($1, 'custom', '127.0.0.1', $2, 'starttls', $3, $3, $4, $5, true, 100000, 0)`,
      [row.id, sink.port, email, `Box ${m}`, box.encrypt('pw')],
    );
    senders.push(row.id);
  }
  const message = (subject, n) => ({
    recipients: ['buyer@bench.example'],
    subject,
    body: 'Dear Buyer,\n\nPlease find our quote.',
    attachPdf: false,
    onBehalfOfUserId: senders[n % MAILBOXES],
    pendingSends: 'keep',
  });

  /** Schedules `count` sends, each due two seconds after it is queued (8 clients). */
  async function queue(label, count) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let n = w; n < count; n += 8) {
          const sendAt = new Date(Date.now() + 2000).toISOString().slice(0, 19);
          await call(`/api/quotes/${quote.id}/schedule`, { token: norbert, method: 'POST', body: { ...message(`${label} ${n}`, n), sendAt, timeZone: 'UTC' } });
        }
      }),
    );
    await sleep(2000);
  }
  const settled = async (label) => {
    const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM scheduled_sends WHERE request->>'subject' LIKE $1 GROUP BY status`, [`${label} %`]);
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  };

  // (a) queued while no worker runs (the API has WORKERS=false), then one worker process works them off; the clock
  // starts at its first message, so its start-up is not counted.
  console.error(`(a) queueing ${SENDS} sends across ${MAILBOXES} mailboxes...`);
  await queue('queued', SENDS);
  const startCount = sink.stats.received;
  worker = startWorker();
  while (sink.stats.received === startCount) await sleep(5);
  const before = cpuSnapshot(worker.pid);
  const started = performance.now();
  const counted = SENDS - (sink.stats.received - startCount);
  while (sink.stats.received - startCount < SENDS) await sleep(20);
  const queuedRun = { rate: counted / ((performance.now() - started) / 1000), cpu: cpuPerOperation(before, cpuSnapshot(worker.pid), counted) };

  // baseline: the same sends straight through the API
  console.error('(a) baseline: the same sends through POST /send...');
  const directBefore = cpuSnapshot(api.pid);
  const directStarted = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let n = w; n < SENDS; n += 8) await call(`/api/quotes/${quote.id}/send`, { token: norbert, method: 'POST', body: message(`direct ${n}`, n) });
    }),
  );
  const direct = { rate: SENDS / ((performance.now() - directStarted) / 1000), cpu: cpuPerOperation(directBefore, cpuSnapshot(api.pid), SENDS) };
  results.push({
    label: `(a) ${SENDS} sends, ${MAILBOXES} mailboxes, queued (one worker process)`,
    ours: queuedRun,
    baseline: direct,
    baselineName: 'POST /send, 8 clients',
  });

  // (b) queued again, the worker killed halfway and started again
  console.error('(b) queued run with the worker killed halfway...');
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));
  await queue('killed', SENDS);
  const atStart = sink.stats.subjects.length;
  worker = startWorker();
  while (sink.stats.subjects.length - atStart < SENDS / 2) await sleep(5);
  worker.kill('SIGKILL');
  await new Promise((resolve) => worker.once('exit', resolve));
  worker = startWorker();
  const deadline = Date.now() + 300_000;
  let states;
  for (;;) {
    states = await settled('killed');
    if (!states.scheduled && !states.sending) break;
    if (Date.now() > deadline) throw new Error(`(b) not settled: ${JSON.stringify(states)}`);
    await sleep(500);
  }
  const killedSubjects = sink.stats.subjects.filter((subject) => subject.startsWith('killed '));
  results.push({ label: '(b) worker killed halfway', states, atSink: killedSubjects.length, distinct: new Set(killedSubjects).size });
} finally {
  worker?.kill('SIGTERM');
  await stopApp(api);
  await sink.close();
  await db.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}

console.log(`\nOutbox benchmark (${SENDS} sends across ${MAILBOXES} mailboxes; sink with AUTH and STARTTLS on loopback; pacing off)`);
console.log('| case | msgs/s | baseline | baseline msgs/s | ratio | CPU ms/msg, sender (worker) · PG · load | CPU ms/msg, baseline (API) · PG · load |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results.filter((r) => r.baseline)) {
  console.log(
    `| ${r.label} | ${r.ours.rate.toFixed(1)} | ${r.baselineName} | ${r.baseline.rate.toFixed(1)} | ${(r.ours.rate / r.baseline.rate).toFixed(2)}x | ${r.ours.cpu} | ${r.baseline.cpu} |`,
  );
}
for (const r of results.filter((r) => r.states)) {
  console.log(
    `\n${r.label}: rows ${JSON.stringify(r.states)}; messages at the sink ${r.atSink}, distinct ${r.distinct} (none twice: ${r.atSink === r.distinct}; none missing: ${r.atSink >= (r.states.sent ?? 0)})`,
  );
}
