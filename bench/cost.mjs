#!/usr/bin/env node
// Cost benchmark: the CPU one send costs each process, against floors measured in the same run (issue 18). The
// sinks run in processes of their own, so the load generator's CPU is the client's alone.
//  (1) API CPU per send without PDF ÷ raw nodemailer client CPU per message (one pool per mailbox, same sink);
//  (2) PostgreSQL CPU per send ÷ PostgreSQL CPU of the bare audit-row floor (the INSERT before the conversation
//      and the UPDATE after it, straight through pg, with the raw nodemailer send between them);
//  (3) statements the API sends to PostgreSQL per send (counted in the API process: bench/count-statements.cjs);
//  (4) PostgreSQL CPU per send of senders with 10,000 messages in their last 24 hours ÷ of senders with none;
//  (5) API CPU of the PDF part of a send (each send a new document, so its PDF is rendered) ÷ raw client CPU;
//  (6) 50 mailboxes × 4 messages to a sink that answers each DATA after 150 ms: Sendas msgs/s ÷ raw nodemailer.
// Each figure is measured in `--rounds` interleaved rounds and the median round is reported. The list page's figure
// (API CPU per page ÷ the bare node:http + pg server) is bench/documents-list.mjs's.
//
//   npm run build && node bench/cost.mjs [--users 10] [--messages 20] [--rounds 3]
//
// Uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432): creates and drops a database
// `sendas_cost_<pid>`.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSnapshot, httpClient, sinkMailbox, startApp, startSinkProcess, stopApp } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const nodemailer = require('nodemailer');

const { values: args } = parseArgs({
  options: { users: { type: 'string', default: '10' }, messages: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } },
});
const USERS = Number(args.users);
const PER_USER = Number(args.messages);
const ROUNDS = Number(args.rounds);
const HEAVY_ROWS = 10_000;
const SLOW_MAILBOXES = 50;
const SLOW_PER_MAILBOX = 4;
const PASSWORD = 'bench-password-1';
const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `sendas_cost_${process.pid}`;
const statementsFile = join(tmpdir(), `sendas-cost-${process.pid}.statements`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const sink = await startSinkProcess();
const slowSink = await startSinkProcess({ dataDelayMs: 150 });
const { base, child } = await startApp(
  {
    DATABASE_URL: `${server}/${database}`,
    SECRETS_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    WORKERS: 'false',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
    BENCH_STATEMENTS_FILE: statementsFile,
  },
  { nodeArgs: ['-r', new URL('./count-statements.cjs', import.meta.url).pathname] },
);
const http = httpClient(base);
const db = new pg.Pool({ connectionString: `${server}/${database}`, max: 10 });

async function api(path, { token, method = 'GET', body } = {}) {
  const response = await http(path, { method, token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function statementsSoFar() {
  rmSync(statementsFile, { force: true });
  process.kill(child.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    try {
      return Number(readFileSync(statementsFile, 'utf8'));
    } catch {
      await sleep(20);
    }
  }
  throw new Error('The API did not report its statement count');
}

/** Runs `count` tasks in a row in each of `workers` parallel loops; CPU ms per operation of each process, msgs/s, statements. */
async function measure(workers, count, task) {
  const statementsBefore = await statementsSoFar();
  const before = cpuSnapshot(child.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < count; i++) await task(w, i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = cpuSnapshot(child.pid);
  const total = workers * count;
  const per = (key) => (1000 * (after[key] - before[key])) / total;
  return {
    api: per('api'),
    postgres: per('postgres'),
    load: per('bench'),
    rate: total / seconds,
    statements: ((await statementsSoFar()) - statementsBefore) / total,
  };
}

const norbert = (await api('/api/auth/login', { method: 'POST', body: { email: 'norbert@bmasiamusic.com', password: 'sendas-demo' } })).accessToken;
const company = await api('/api/companies', { token: norbert, method: 'POST', body: { name: 'Cost Customer', country: 'TH' } });
await api(`/api/companies/${company.id}/contacts`, { token: norbert, method: 'POST', body: { name: 'Buyer', email: 'buyer@bench.example', isPrimary: true } });
const newQuote = (token) =>
  api('/api/quotes', {
    token,
    method: 'POST',
    body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
  });

/** A salesperson with a mailbox at `port`, a quote to send again and again, and `fresh` quotes never rendered. */
async function seller(name, port, fresh = 0) {
  const email = `${name}@bench.example`;
  const created = await api('/api/users', { token: norbert, method: 'POST', body: { email, name, role: 'sales', password: PASSWORD } });
  await api(`/api/users/${created.id}/smtp`, {
    token: norbert,
    method: 'PUT',
    body: sinkMailbox(port, email),
  });
  const token = (await api('/api/auth/login', { method: 'POST', body: { email, password: PASSWORD } })).accessToken;
  const quotes = [];
  for (let n = 0; n < fresh; n++) quotes.push((await newQuote(token)).id);
  const pool = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: email, pass: 'pw' },
    pool: true,
    maxConnections: 2,
  });
  return { id: created.id, email, token, quote: (await newQuote(token)).id, quotes, pool };
}

const BODY = 'Dear Buyer,\n\nPlease find our quote attached.\n\nKind regards,';
const send = (user, quoteId, subject, attachPdf) =>
  api(`/api/quotes/${quoteId}/send`, { token: user.token, method: 'POST', body: { recipients: ['buyer@bench.example'], subject, body: BODY, attachPdf } });
const rawSend = (user, subject) =>
  user.pool.sendMail({ from: { name: user.email, address: user.email }, to: ['buyer@bench.example'], subject, text: BODY, html: `<p>${BODY}</p>` });

const rounds = [];
try {
  console.error(`setting up ${USERS} senders (+${USERS} heavy, ${SLOW_MAILBOXES} at the slow sink)...`);
  const users = [];
  for (let u = 0; u < USERS; u++) users.push(await seller(`seller${u}`, sink.port, ROUNDS * PER_USER));
  const heavy = [];
  for (let u = 0; u < USERS; u++) heavy.push(await seller(`heavy${u}`, sink.port));
  // Their last 24 hours: 10,000 messages each, written as the send path writes them (the trigger counts them).
  for (const user of heavy) {
    await db.query(
      `INSERT INTO email_messages (document_type, document_id, document_number, actor_id, sender_id, sent_via, from_address, to_addresses, subject, body, status, created_at)
       SELECT 'quote', $1, 'Q-HEAVY', $2, $2, 'user', $3, ARRAY['buyer@bench.example'], 'earlier ' || n, 'Dear Buyer,', 'sent', now() - (n * interval '8 seconds')
       FROM generate_series(1, $4) AS n`,
      [user.quote, user.id, user.email, HEAVY_ROWS],
    );
  }
  const slow = [];
  for (let u = 0; u < SLOW_MAILBOXES; u++) slow.push(await seller(`slow${u}`, slowSink.port));
  // Warm both paths: pools connected, statements prepared, code compiled.
  for (const user of [...users, ...heavy, ...slow]) await send(user, user.quote, 'warm-up', false);
  await Promise.all([...users, ...slow].map((user) => rawSend(user, 'warm-up')));

  for (let round = 0; round < ROUNDS; round++) {
    console.error(`round ${round + 1} of ${ROUNDS}...`);
    const r = {};
    r.sendNoPdf = await measure(USERS, PER_USER, (w, i) => send(users[w], users[w].quote, `no pdf ${round}.${i}`, false));
    r.raw = await measure(USERS, PER_USER, (w, i) => rawSend(users[w], `raw ${round}.${i}`));
    r.floor = await measure(USERS, PER_USER, async (w, i) => {
      const user = users[w];
      const {
        rows: [row],
      } = await db.query(
        `INSERT INTO email_messages (document_type, document_id, document_number, actor_id, sender_id, sent_via, from_address, to_addresses, subject, body, status)
         VALUES ('quote', $1, 'Q-FLOOR', $2, $2, 'user', $3, $4, $5, $6, 'sending') RETURNING id`,
        [user.quote, user.id, user.email, ['buyer@bench.example'], `floor ${round}.${i}`, BODY],
      );
      const info = await rawSend(user, `floor ${round}.${i}`);
      await db.query(`UPDATE email_messages SET status = 'sent', message_id = $2, completed_at = now() WHERE id = $1`, [row.id, info.messageId]);
    });
    r.heavy = await measure(USERS, PER_USER, (w, i) => send(heavy[w], heavy[w].quote, `heavy ${round}.${i}`, false));
    r.fresh = await measure(USERS, PER_USER, (w, i) => send(users[w], users[w].quote, `fresh ${round}.${i}`, false));
    r.sendPdf = await measure(USERS, PER_USER, (w, i) => send(users[w], users[w].quotes[round * PER_USER + i], `pdf ${round}.${i}`, true));
    r.slowSendas = await measure(SLOW_MAILBOXES, SLOW_PER_MAILBOX, (w, i) => send(slow[w], slow[w].quote, `slow ${round}.${i}`, false));
    r.slowRaw = await measure(SLOW_MAILBOXES, SLOW_PER_MAILBOX, (w, i) => rawSend(slow[w], `slow raw ${round}.${i}`));
    rounds.push(r);
  }
  for (const user of [...users, ...heavy, ...slow]) user.pool.close();
} finally {
  await db.end();
  await stopApp(child);
  await sink.close();
  await slowSink.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(statementsFile, { force: true });
}

/** The median over the rounds of a figure computed per round. */
const figure = (of) => median(rounds.map(of));
const figures = [
  [
    'API CPU per send without PDF ÷ raw nodemailer client CPU per message',
    (r) => r.sendNoPdf.api / r.raw.load,
    '≤ 4',
    (r) => `${r.sendNoPdf.api.toFixed(2)} ÷ ${r.raw.load.toFixed(2)} ms`,
  ],
  [
    'PostgreSQL CPU per send ÷ PostgreSQL CPU of the bare audit-row floor',
    (r) => r.sendNoPdf.postgres / r.floor.postgres,
    '≤ 1.2',
    (r) => `${r.sendNoPdf.postgres.toFixed(2)} ÷ ${r.floor.postgres.toFixed(2)} ms`,
  ],
  ['SQL statements per send (sent by the API to PostgreSQL)', (r) => r.sendNoPdf.statements, '≤ 3', () => ''],
  [
    `PostgreSQL CPU per send with ${HEAVY_ROWS.toLocaleString('en')} of the sender's messages in the last 24 h ÷ with none`,
    (r) => r.heavy.postgres / r.fresh.postgres,
    '≤ 1.2',
    (r) => `${r.heavy.postgres.toFixed(2)} ÷ ${r.fresh.postgres.toFixed(2)} ms`,
  ],
  [
    'API CPU of the PDF part of a send (new document − no PDF) ÷ raw client CPU per message',
    (r) => (r.sendPdf.api - r.sendNoPdf.api) / r.raw.load,
    '≤ 4',
    (r) => `(${r.sendPdf.api.toFixed(2)} − ${r.sendNoPdf.api.toFixed(2)}) ÷ ${r.raw.load.toFixed(2)} ms`,
  ],
  [
    `${SLOW_MAILBOXES} mailboxes × ${SLOW_PER_MAILBOX} messages, DATA answered after 150 ms: Sendas msgs/s ÷ raw nodemailer pooled`,
    (r) => r.slowSendas.rate / r.slowRaw.rate,
    '≥ 0.9',
    (r) => `${r.slowSendas.rate.toFixed(1)} ÷ ${r.slowRaw.rate.toFixed(1)} msgs/s`,
  ],
];
console.log(
  `\nCost per send (${USERS} senders × ${PER_USER} messages a round, median of ${ROUNDS} rounds; sinks with AUTH and STARTTLS in their own processes)`,
);
console.log('| figure | median | target | the median round | every round |');
console.log('|---|---|---|---|---|');
for (const [name, of, target, detail] of figures) {
  const values = rounds.map(of);
  const middle = rounds[values.indexOf(figure(of))];
  console.log(`| ${name} | ${figure(of).toFixed(2)} | ${target} | ${detail(middle)} | ${values.map((value) => value.toFixed(2)).join(' · ')} |`);
}
console.log('\nCPU ms per operation of each process, median round of each case:');
console.log('| case | API | PostgreSQL | load | msgs/s | statements |');
console.log('|---|---|---|---|---|---|');
for (const key of Object.keys(rounds[0])) {
  const values = rounds.map((r) => r[key]);
  const middle = values.find((value) => value.api === median(values.map((v) => v.api))) ?? values[0];
  console.log(
    `| ${key} | ${middle.api.toFixed(2)} | ${middle.postgres.toFixed(2)} | ${middle.load.toFixed(2)} | ${middle.rate.toFixed(1)} | ${middle.statements.toFixed(2)} |`,
  );
}
