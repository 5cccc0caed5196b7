#!/usr/bin/env node
// Send benchmark, against a local smtp-server sink with AUTH and STARTTLS. Every figure sits next to a
// baseline measured in the same run:
//  (a) 20 users sending concurrently through the HTTP API, a different document each time, PDF attached,
//      against raw nodemailer (one pool per user) sending the same messages with PDFs rendered beforehand;
//  (b) the same without the PDF: the pure cost of our send path; next to it the floor the sending rules
//      set, raw nodemailer plus only the audit row written before and completed after, straight through pg;
//  (c) one user sending 20 in a row through our pooled path, against a connect-per-send transport (five
//      interleaved rounds each, the median round reported: a half-second window is at the mercy of background work);
//  (d) many users with their own mailbox sending once each (admin on behalf): the API's RSS and the most
//      sockets open at the sink at once, against the pool cache bound.
//
//   npm run build && node bench/send.mjs [--messages 10] [--users 20] [--many 2000]
//
// Uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432): creates and drops a
// database `sendas_send_<pid>`.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { cpuPerOperation, cpuSnapshot, httpClient, rssMb, sinkMailbox, startApp, startSink, stopApp } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const nodemailer = require('nodemailer');
const argon2 = require('argon2');
const { SecretBox, parseSecretKeys } = require('../dist/api/apps/api/src/crypto/secret-box.js');

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '10' },
    users: { type: 'string', default: '20' },
    many: { type: 'string', default: '2000' },
  },
});
const PER_USER = Number(args.messages);
const USERS = Number(args.users);
const MANY = Number(args.many);
const POOL_CACHE = 200;
const ROUNDS = 5;
const PASSWORD = 'bench-password-1';
const SECRETS_KEYS = `bench:${randomBytes(32).toString('base64')}`;

let http;
let apiPid;

/** The round with the median rate, with its CPU figures. */
const medianRound = (rounds) => [...rounds].sort((a, b) => a.rate - b.rate)[Math.floor(rounds.length / 2)];

/** Runs `count` tasks per worker with `workers` in parallel; messages per second and CPU per message. */
async function rate(workers, count, task) {
  const before = cpuSnapshot(apiPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < count; i++) await task(w, i);
    }),
  );
  const total = workers * count;
  return { rate: total / ((performance.now() - started) / 1000), cpu: cpuPerOperation(before, cpuSnapshot(apiPid), total) };
}
async function api(_base, path, { token, method = 'GET', body } = {}) {
  const response = await http(path, { method, token, body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `sendas_send_${process.pid}`;
const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const sink = await startSink();
const { base, child } = await startApp({
  DATABASE_URL: `${server}/${database}`,
  SECRETS_KEYS,
  SMTP_POOL_CACHE_SIZE: String(POOL_CACHE),
});
apiPid = child.pid;
http = httpClient(base);
const results = [];
try {
  const norbert = (await api(base, '/api/auth/login', { method: 'POST', body: { email: 'norbert@bmasiamusic.com', password: 'sendas-demo' } })).accessToken;
  const company = await api(base, '/api/companies', { token: norbert, method: 'POST', body: { name: 'Bench Customer', country: 'TH' } });
  await api(base, `/api/companies/${company.id}/contacts`, {
    token: norbert,
    method: 'POST',
    body: { name: 'Buyer', email: 'buyer@bench.example', isPrimary: true },
  });

  console.error(`setting up ${USERS} users with ${2 * PER_USER + 20} quotes each...`);
  const users = [];
  for (let u = 0; u < USERS; u++) {
    const email = `seller${u}@bench.example`;
    const created = await api(base, '/api/users', { token: norbert, method: 'POST', body: { email, name: `Seller ${u}`, role: 'sales', password: PASSWORD } });
    await api(base, `/api/users/${created.id}/smtp`, { token: norbert, method: 'PUT', body: sinkMailbox(sink.port, email) });
    const token = (await api(base, '/api/auth/login', { method: 'POST', body: { email, password: PASSWORD } })).accessToken;
    const quotes = [];
    for (let q = 0; q < 2 * PER_USER + (u === 0 ? ROUNDS * 20 : 0); q++) {
      quotes.push(
        await api(base, '/api/quotes', {
          token,
          method: 'POST',
          body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
        }),
      );
    }
    users.push({ id: created.id, email, token, quotes });
  }
  const message = (subject) => ({ recipients: ['buyer@bench.example'], subject, body: 'Dear Buyer,\n\nPlease find our quote attached.\n\nKind regards,' });
  const pdfs = await Promise.all(users.map((user) => api(base, `/api/quotes/${user.quotes[0].id}/pdf`, { token: user.token })));
  const rawPools = users.map((user) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.port,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: user.email, pass: 'pw' },
      pool: true,
      maxConnections: 2,
    }),
  );
  const rawSend = (transport, user, withPdf, i) =>
    transport.sendMail({
      from: { name: user.email, address: user.email },
      to: ['buyer@bench.example'],
      subject: `raw ${i}`,
      text: 'Dear Buyer,\n\nPlease find our quote attached.',
      html: '<p>Dear Buyer,</p>',
      attachments: withPdf ? [{ filename: 'Quote.pdf', content: Buffer.from(pdfs[users.indexOf(user)]), contentType: 'application/pdf' }] : [],
    });
  await Promise.all(rawPools.map((transport, u) => rawSend(transport, users[u], false, -1))); // warm the raw pools
  await Promise.all(
    users.map((user) =>
      api(base, `/api/quotes/${user.quotes[2 * PER_USER - 1].id}/send`, {
        token: user.token,
        method: 'POST',
        body: { ...message('warm-up'), attachPdf: false },
      }),
    ),
  );

  for (const [label, withPdf, offset] of [
    [`(a) ${USERS} users, PDF attached`, true, 0],
    [`(b) ${USERS} users, no attachment`, false, PER_USER],
  ]) {
    const ours = await rate(USERS, PER_USER - (offset ? 1 : 0), (w, i) =>
      api(base, `/api/quotes/${users[w].quotes[offset + i].id}/send`, {
        token: users[w].token,
        method: 'POST',
        body: { ...message(`${label} ${i}`), attachPdf: withPdf },
      }),
    );
    const raw = await rate(USERS, PER_USER, (w, i) => rawSend(rawPools[w], users[w], withPdf, i));
    results.push({ label, ours, baseline: raw, baselineName: 'raw nodemailer, one pool per user' });
    console.error(`${label}: done`);
  }
  // The floor the sending rules set: raw nodemailer plus only the audit row they require (inserted before the
  // SMTP conversation, completed after it), through pg without our code.
  const auditPool = new pg.Pool({ connectionString: `${server}/${database}`, max: 10 });
  const audited = await rate(USERS, PER_USER, async (w, i) => {
    const user = users[w];
    const {
      rows: [row],
    } = await auditPool.query(
      `INSERT INTO email_messages (document_type, document_id, document_number, actor_id, sender_id, sent_via, from_address, to_addresses, subject, body, status)
       VALUES ('quote', $1, 'Q-BENCH', $2, $2, 'user', $3, $4, $5, $6, 'sending') RETURNING id`,
      [user.quotes[0].id, user.id, user.email, ['buyer@bench.example'], `raw ${i}`, 'Dear Buyer,'],
    );
    const info = await rawSend(rawPools[w], user, false, i);
    await auditPool.query(`UPDATE email_messages SET status = 'sent', message_id = $2, completed_at = now() WHERE id = $1`, [row.id, info.messageId]);
  });
  await auditPool.end();
  results.push({
    label: `(b) floor: the audit row alone`,
    ours: audited,
    baseline: results.at(-1).baseline,
    baselineName: 'raw nodemailer, one pool per user (as in b)',
  });
  rawPools.forEach((transport) => transport.close());

  const first = users[0];
  const oneByOneRounds = [];
  const connectPerSendRounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    oneByOneRounds.push(
      await rate(1, 20, (_w, i) =>
        api(base, `/api/quotes/${first.quotes[2 * PER_USER + round * 20 + i].id}/send`, {
          token: first.token,
          method: 'POST',
          body: { ...message(`row ${round}.${i}`), attachPdf: false },
        }),
      ),
    );
    connectPerSendRounds.push(
      await rate(1, 20, async (_w, i) => {
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: sink.port,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
          auth: { user: first.email, pass: 'pw' },
        });
        await rawSend(transport, first, false, i);
        transport.close();
      }),
    );
  }
  const oneByOne = medianRound(oneByOneRounds);
  const connectPerSend = medianRound(connectPerSendRounds);
  results.push({
    label: `(c) one user, 20 in a row (median of ${ROUNDS} rounds)`,
    ours: oneByOne,
    baseline: connectPerSend,
    baselineName: 'raw nodemailer, connect per send',
  });
  console.error('(c): done');

  // (d) many users with their own mailbox, written straight to the database (argon2 for thousands of
  // users through the API would take minutes), each sending once on their behalf by Norbert.
  console.error(`(d) creating ${MANY} users with mailboxes...`);
  const db = new pg.Client({ connectionString: `${server}/${database}` });
  await db.connect();
  const box = new SecretBox(parseSecretKeys(SECRETS_KEYS));
  const hash = await argon2.hash(PASSWORD);
  const many = [];
  for (let u = 0; u < MANY; u++) {
    const email = `many${u}@bench.example`;
    const {
      rows: [row],
    } = await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'sales', $3) RETURNING id`, [email, `Many ${u}`, hash]);
    await db.query(
      `INSERT INTO mailboxes (user_id, provider, host, port, security, username, from_email, from_name, password_enc, allow_self_signed, daily_limit)
       VALUES ($1, 'custom', '127.0.0.1', $2, 'starttls', $3, $3, $4, $5, true, 1000)`,
      [row.id, sink.port, email, `Many ${u}`, box.encrypt('pw')],
    );
    many.push(row.id);
  }
  await db.end();
  const quote = await api(base, '/api/quotes', {
    token: norbert,
    method: 'POST',
    body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
  });
  const rssBefore = rssMb(child.pid);
  let peakRss = rssBefore;
  sink.stats.maxOpen = sink.stats.open;
  const manyRate = await rate(8, MANY / 8, async (w, i) => {
    const userId = many[w * (MANY / 8) + i];
    await api(base, `/api/quotes/${quote.id}/send`, {
      token: norbert,
      method: 'POST',
      body: { ...message(`many ${userId}`), attachPdf: false, onBehalfOfUserId: userId },
    });
    if (i % 50 === 0) peakRss = Math.max(peakRss, rssMb(child.pid));
  });
  results.push({
    label: `(d) ${MANY} users once each`,
    ours: manyRate,
    rssBefore,
    peakRss: Math.max(peakRss, rssMb(child.pid)),
    maxOpen: sink.stats.maxOpen,
    bound: POOL_CACHE * 2,
  });
} finally {
  await stopApp(child);
  await sink.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}

console.log(`\nSend benchmark (${USERS} users x ${PER_USER} messages; sink with AUTH and STARTTLS on loopback)`);
console.log('| case | msgs/s | baseline | baseline msgs/s | ratio | CPU ms/msg, Sendas (load = client + sink) | CPU ms/msg, baseline |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results.filter((r) => r.baseline)) {
  console.log(
    `| ${r.label} | ${r.ours.rate.toFixed(1)} | ${r.baselineName} | ${r.baseline.rate.toFixed(1)} | ${(r.ours.rate / r.baseline.rate).toFixed(2)}x | ${r.ours.cpu} | ${r.baseline.cpu} |`,
  );
}
for (const r of results.filter((r) => r.maxOpen !== undefined)) {
  console.log(
    `\n${r.label}: ${r.ours.rate.toFixed(1)} msgs/s; API RSS ${r.rssBefore.toFixed(0)} MB before, ${r.peakRss.toFixed(0)} MB at most; most sockets open at the sink at once: ${r.maxOpen} (cache bound ${POOL_CACHE} pools x 2 connections = ${r.bound})`,
  );
}
