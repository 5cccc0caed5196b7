#!/usr/bin/env node
// Soak: a bounded chaos run that checks Sendas's send promises, not its speed. Two API instances and one worker on a
// real PostgreSQL database of their own, while
//   - salespeople (one mailbox each, paced to 60 a minute, a daily limit of DAILY_LIMIT) send now through either instance, with an
//     Idempotency-Key that the client replays on any other instance when it gets no answer, and schedule sends a
//     few seconds ahead (some as Send many runs, paced per mailbox);
//   - a random process (API A, API B or the worker) is killed with SIGKILL every ~30 s and started again;
//   - every ~20 s for 4 s, every backend of the app's database is terminated every 200 ms (pg_terminate_backend);
//   - the SMTP peer refuses some RCPTs with 451 (retried), drops some connections after the final dot without
//     answering (the send may have been delivered: `unknown`, never sent again) and answers some late (3 s).
// Then it stops the chaos, lets every send settle, and reconciles what the peer received with the audit rows and the
// outbox: duplicates, lost, stuck, unknown, daily-limit overshoot, and processes that died by themselves.
//
//   npm run build && node bench/soak.mjs [--minutes 4] [--senders 6]
//
// Uses BENCH_DATABASE_URL's server (default postgresql://postgres@127.0.0.1:5432): creates and drops `sendas_soak_<pid>`.
// Exits 1 when any of duplicates, lost, stuck, overshoot or died-by-itself is not 0.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { freePort, httpClient } from './lib.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const argon2 = require('argon2');
const { SMTPServer } = require('smtp-server');
const { SecretBox, parseSecretKeys } = require('../dist/api/apps/api/src/crypto/secret-box.js');

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '4' }, senders: { type: 'string', default: '6' } } });
const RUN_MS = Number(args.minutes) * 60_000;
const SENDERS = Number(args.senders);
const DAILY_LIMIT = 150;
const SECRETS_KEYS = `soak:${randomBytes(32).toString('base64')}`;
const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const database = `sendas_soak_${process.pid}`;
const databaseUrl = `${server}/${database}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const log = (message) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Short bounds so that interrupted work is taken up again within the run. */
const ENV = {
  DATABASE_URL: databaseUrl,
  SECRETS_KEYS,
  LOG_LEVEL: 'warn',
  DEV_SMTP_PORT: '0',
  OUTBOX_POLL_SECONDS: '1',
  OUTBOX_FIRST_RETRY_SECONDS: '2',
  OUTBOX_MAX_ATTEMPTS: '6',
  OUTBOX_JOB_EXPIRE_SECONDS: '20',
  OUTBOX_MAINTENANCE_SECONDS: '5',
  SMTP_CONNECTION_TIMEOUT_MS: '5000',
  SMTP_GREETING_TIMEOUT_MS: '5000',
  SMTP_SOCKET_TIMEOUT_MS: '8000',
  SEND_STALE_AFTER_SECONDS: '30',
  SEND_SWEEP_INTERVAL_SECONDS: '5',
};

// ---- the peer: unique subjects counted, faults on purpose --------------------------------------------------------
const received = new Map(); // subject -> times
const faults = { refused451: 0, droppedAfterDot: 0, late: 0 };
const peer = new SMTPServer({
  authOptional: false,
  authMethods: ['PLAIN', 'LOGIN'],
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.password === 'pw') return callback(null, { user: auth.username });
    callback(Object.assign(new Error('5.7.8 Username and Password not accepted'), { responseCode: 535 }));
  },
  onRcptTo(_address, _session, callback) {
    if (Math.random() < 0.08) {
      faults.refused451++;
      return callback(Object.assign(new Error('4.7.0 Try again later'), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 8192) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const subject = /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '';
      received.set(subject, (received.get(subject) ?? 0) + 1);
      const roll = Math.random();
      if (roll < 0.03) {
        faults.droppedAfterDot++;
        // no answer to the final dot: the connection just ends (smtp-server keeps the socket on its connection)
        return [...peer.connections].find((connection) => connection.id === session.id)?._socket.destroy();
      }
      if (roll < 0.13) {
        faults.late++;
        return setTimeout(callback, 3000);
      }
      callback();
    });
  },
});
peer.on('error', () => undefined);
const peerPort = await freePort();
await new Promise((resolve) => peer.listen(peerPort, '127.0.0.1', resolve));

// ---- the processes ----------------------------------------------------------------------------------------------
const processes = {}; // name -> { child, port?, killedByUs }
const diedByThemselves = [];

async function startProcess(name) {
  const isWorker = name === 'worker';
  const port = isWorker ? undefined : (processes[name]?.port ?? (await freePort()));
  const child = spawn(process.execPath, [isWorker ? 'dist/api/apps/api/src/worker.js' : 'dist/api/apps/api/src/main.js'], {
    env: { ...process.env, ...ENV, ...(isWorker ? {} : { PORT: String(port), WORKERS: 'false', SEED_DEMO: name === 'apiA' ? 'true' : 'false' }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors = (errors + chunk.toString()).slice(-4000)));
  const entry = { child, port, killedByUs: false };
  processes[name] = entry;
  child.once('exit', (code, signal) => {
    if (!entry.killedByUs) diedByThemselves.push({ name, code, signal, errors });
  });
  if (!isWorker) {
    for (let i = 0; i < 600; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (child.exitCode !== null) throw new Error(`${name} exited during start: ${errors}`);
      await sleep(200);
    }
  }
}

async function kill(name) {
  const entry = processes[name];
  entry.killedByUs = true;
  entry.child.kill('SIGKILL');
  await new Promise((resolve) => (entry.child.exitCode !== null || entry.child.signalCode !== null ? resolve() : entry.child.once('exit', resolve)));
}

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
// a pool: it drops a connection the storms ended and opens another; each query is tried again until it holds
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
pool.on('error', () => undefined);
async function query(sql, params) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await pool.query(sql, params)).rows;
    } catch (error) {
      if (attempt > 50) throw error;
      await sleep(200);
    }
  }
}

const ledger = { nowAcknowledged: new Map(), scheduled: new Map(), nowGaveUp: 0, scheduleRefused: 0, bulkRuns: 0 };
let stopping = false;
let table;
try {
  await startProcess('apiA'); // migrates and seeds
  await startProcess('apiB');
  await startProcess('worker');
  // one keep-alive client per instance; an instance started again keeps its port
  const clientsByInstance = ['apiA', 'apiB'].map((name) => httpClient(`http://127.0.0.1:${processes[name].port}`, 16));
  const instances = () => clientsByInstance;

  // salespeople with mailboxes at the peer, written straight to the database; a company with a contact, and documents
  const box = new SecretBox(parseSecretKeys(SECRETS_KEYS));
  const hash = await argon2.hash('soak-password-1');
  const anyApi = () => pick(instances());
  const call = async (path, init = {}) => {
    const response = await anyApi()(path, init);
    if (response.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const norbert = (await call('/api/auth/login', { method: 'POST', body: { email: 'norbert@bmasiamusic.com', password: 'sendas-demo' } })).accessToken;
  const senders = [];
  for (let n = 0; n < SENDERS; n++) {
    const email = `seller${n}@soak.example`;
    const [user] = await query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'sales', $3) RETURNING id`, [email, `Seller ${n}`, hash]);
    await query(
      `INSERT INTO mailboxes (user_id, provider, host, port, security, username, from_email, from_name, password_enc, daily_limit, sends_per_minute)
       VALUES ($1, 'custom', '127.0.0.1', $2, 'none', $3, $3, $4, $5, $6, 60)`,
      [user.id, peerPort, email, `Seller ${n}`, box.encrypt('pw'), DAILY_LIMIT],
    );
    const company = await call('/api/companies', {
      token: norbert,
      method: 'POST',
      body: { name: `Soak Customer ${n}`, country: 'TH', accountManagerId: user.id },
    });
    await call(`/api/companies/${company.id}/contacts`, {
      token: norbert,
      method: 'POST',
      body: { name: 'Napa Soak', email: 'napa@soak.example', isPrimary: true },
    });
    const token = (await call('/api/auth/login', { method: 'POST', body: { email, password: 'soak-password-1' } })).accessToken;
    senders.push({ id: user.id, email, token, companyId: company.id });
  }
  const newQuote = async (seller) =>
    (
      await call('/api/quotes', {
        token: seller.token,
        method: 'POST',
        body: { companyId: seller.companyId, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100', taxRate: 7 }] },
      })
    ).id;

  /** Send now, replaying its key on another instance while there is no answer (a killed instance, a dropped session). */
  async function sendNow(seller) {
    const subject = `soak now ${randomUUID()}`;
    const quoteId = await newQuote(seller);
    const key = randomUUID();
    for (let attempt = 0; attempt < 40 && !stopping; attempt++) {
      const response = await anyApi()(`/api/quotes/${quoteId}/send`, {
        method: 'POST',
        token: seller.token,
        body: { recipients: ['napa@soak.example'], subject, body: 'Hello', attachPdf: false, pendingSends: 'keep' },
        headers: { 'Idempotency-Key': key },
      }).catch(() => ({ status: 0 }));
      if (response.status === 201) return ledger.nowAcknowledged.set(subject, response.body.emailId);
      // an answer that ends it: refused (4xx other than in progress), or failed / may have been delivered (502)
      if (response.status && response.status !== 409 && response.status < 500) return;
      if (response.status === 502) return;
      await sleep(1000);
    }
    ledger.nowGaveUp++;
  }

  async function scheduleOne(seller) {
    const subject = `soak later ${randomUUID()}`;
    const quoteId = await newQuote(seller);
    const sendAt = new Date(Date.now() + 3000).toISOString().slice(0, 19);
    const response = await anyApi()(`/api/quotes/${quoteId}/schedule`, {
      method: 'POST',
      token: seller.token,
      body: { recipients: ['napa@soak.example'], subject, body: 'Hello', attachPdf: false, sendAt, timeZone: 'UTC' },
    }).catch(() => ({ status: 0 }));
    if (response.status === 201) ledger.scheduled.set(subject, response.body.id);
    else ledger.scheduleRefused++;
  }

  async function sendMany(seller) {
    const ids = [await newQuote(seller), await newQuote(seller), await newQuote(seller)];
    const response = await anyApi()('/api/outbox/bulk', {
      method: 'POST',
      token: seller.token,
      body: { documentType: 'quote', documentIds: ids, alreadySent: 'include' },
    }).catch(() => ({ status: 0 }));
    if (response.status === 201) ledger.bulkRuns++;
  }

  // ---- load and chaos until the time is up ---------------------------------------------------------------------
  const started = Date.now();
  const until = started + RUN_MS;
  const clients = senders.map(async (seller) => {
    while (Date.now() < until) {
      const roll = Math.random();
      await (roll < 0.5 ? sendNow(seller) : roll < 0.9 ? scheduleOne(seller) : sendMany(seller)).catch(() => undefined);
      await sleep(500 + Math.random() * 1500);
    }
  });
  const killer = (async () => {
    let kills = 0;
    while (Date.now() < until - 20_000) {
      await sleep(25_000 + Math.random() * 10_000);
      if (Date.now() >= until - 20_000) break;
      const name = pick(['apiA', 'apiB', 'worker']);
      log(`kill -9 ${name}`);
      await kill(name);
      kills++;
      await startProcess(name);
    }
    return kills;
  })();
  const storms = (async () => {
    let count = 0;
    while (Date.now() < until - 20_000) {
      await sleep(20_000);
      log('terminating every backend of the database for 4 s');
      count++;
      const stormEnd = Date.now() + 4000;
      while (Date.now() < stormEnd) {
        await admin
          .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])
          .catch(() => undefined);
        await sleep(200);
      }
    }
    return count;
  })();
  const [, kills, stormCount] = await Promise.all([Promise.all(clients), killer, storms]);
  stopping = true;

  // ---- settle, then reconcile --------------------------------------------------------------------------------------
  log('load stopped; letting every send settle');
  const settleBy = Date.now() + 180_000;
  let open;
  for (;;) {
    [open] = await query(
      // a send moved to when its mailbox's daily window frees is waiting, not stuck
      `SELECT (SELECT count(*)::int FROM scheduled_sends WHERE status = 'sending' OR (status = 'scheduled' AND send_at < now())) AS outbox,
              (SELECT count(*)::int FROM email_messages WHERE status = 'sending') AS audit`,
    );
    if ((!open.outbox && !open.audit) || Date.now() > settleBy) break;
    await sleep(1000);
  }
  const audit = await query(`SELECT subject, status, sender_id FROM email_messages WHERE subject LIKE 'soak %' OR subject LIKE 'Quote %'`);
  const outbox = await query(`SELECT request->>'subject' AS subject, status FROM scheduled_sends`);
  const overshoot = await query(
    `SELECT c.user_id, count(m.*)::int AS used FROM mailboxes c JOIN email_messages m ON m.sender_id = c.user_id AND m.sent_via = 'user'
       AND m.status IN ('sent', 'unknown', 'sending') AND m.created_at > now() - interval '24 hours'
     GROUP BY c.user_id HAVING count(m.*) > $1`,
    [DAILY_LIMIT],
  );
  const auditBySubject = new Map();
  for (const row of audit) auditBySubject.set(row.subject, [...(auditBySubject.get(row.subject) ?? []), row.status]);
  const atPeer = [...received.entries()];
  const duplicates = atPeer.filter(([, times]) => times > 1);
  // lost: the app says it went (an acknowledged send now, or an audit row `sent`) and the peer never received it
  const lostNow = [...ledger.nowAcknowledged.keys()].filter((subject) => !received.has(subject));
  const lostAudited = audit.filter((row) => row.status === 'sent' && !received.has(row.subject));
  const lostScheduled = [...ledger.scheduled.keys()].filter((subject) => !outbox.some((row) => row.subject === subject));
  const lost = new Set([...lostNow, ...lostAudited.map((row) => row.subject), ...lostScheduled]);
  const count = (rows, status) => rows.filter((row) => row.status === status).length;
  table = {
    minutes: Number(args.minutes),
    'processes killed (SIGKILL)': kills,
    'termination storms': stormCount,
    'peer faults (451 · dropped after the dot · late)': `${faults.refused451} · ${faults.droppedAfterDot} · ${faults.late}`,
    'messages at the peer': atPeer.reduce((sum, [, times]) => sum + times, 0),
    'send now acknowledged (201)': ledger.nowAcknowledged.size,
    'scheduled (201) · Send many runs': `${ledger.scheduled.size} · ${ledger.bulkRuns}`,
    'audit rows sent · failed · unknown': `${count(audit, 'sent')} · ${count(audit, 'failed')} · ${count(audit, 'unknown')}`,
    'outbox sent · failed · unknown · waiting for the daily window': `${count(outbox, 'sent')} · ${count(outbox, 'failed')} · ${count(outbox, 'unknown')} · ${count(outbox, 'scheduled')}`,
    duplicates: duplicates.length,
    lost: lost.size,
    'stuck (scheduled or sending after settling)': open.outbox + open.audit,
    'daily-limit overshoot (mailboxes)': overshoot.length,
    'processes that died by themselves': diedByThemselves.length,
  };
  if (duplicates.length)
    log(
      `duplicates: ${duplicates
        .slice(0, 5)
        .map(([subject, times]) => `${subject} ×${times}`)
        .join(', ')}`,
    );
  if (lost.size) log(`lost: ${[...lost].slice(0, 5).join(', ')}`);
  for (const death of diedByThemselves) log(`${death.name} died by itself (${death.code ?? death.signal}):\n${death.errors}`);
} finally {
  stopping = true;
  for (const name of Object.keys(processes)) {
    processes[name].killedByUs = true;
    processes[name].child.kill('SIGTERM');
  }
  await sleep(1500);
  for (const entry of Object.values(processes)) if (entry.child.exitCode === null) entry.child.kill('SIGKILL');
  await pool.end().catch(() => undefined);
  peer.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}

console.log(`\nSoak (${table.minutes} min; two API instances and a worker on PostgreSQL; ${SENDERS} mailboxes, daily limit ${DAILY_LIMIT})`);
console.log('| | |');
console.log('|---|---|');
for (const [name, value] of Object.entries(table)) console.log(`| ${name} | ${value} |`);
const failed =
  table.duplicates ||
  table.lost ||
  table['stuck (scheduled or sending after settling)'] ||
  table['daily-limit overshoot (mailboxes)'] ||
  table['processes that died by themselves'];
process.exit(failed ? 1 : 0);
