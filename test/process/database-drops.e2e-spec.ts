import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ScheduledSendPage } from '@sendas/contracts';
import { type AppProcess, callApi, ownDatabase, signInDemo, spawnApp } from '../support/app-process';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';

/**
 * PostgreSQL ending the app's sessions (`pg_terminate_backend`, as a restart or a failover does) every 200 ms for 20 s
 * while an API instance and a worker process send: neither process dies (each has error listeners on its pools and
 * awaits the job queue's calls; anything unhandled would stop it with exit code 1, which this would see), both still
 * answer afterwards, and a new send goes out. Needs DATABASE_URL (CI sets it).
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const POM = 'pom@bmasiamusic.com';
const POM_APP_PASSWORD = 'pomd emoa ppps wd26';
const STORM_MS = 20_000;

onPostgres('The database dropping sessions (e2e)', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let peer: SmtpPeer;
  let api: AppProcess;
  let worker: AppProcess;

  const env = (): NodeJS.ProcessEnv => {
    const values: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-drops-')),
      DEV_SMTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OUTBOX_POLL_SECONDS: '1',
      OUTBOX_JOB_EXPIRE_SECONDS: '4',
      OUTBOX_MAINTENANCE_SECONDS: '1',
      SEND_SWEEP_INTERVAL_SECONDS: '1',
    };
    delete values.NODE_ENV;
    delete values.SMTP_URL;
    return values;
  };

  /** `npm run worker`'s process, resolved once it says it works the outbox. */
  async function spawnWorker(values: NodeJS.ProcessEnv): Promise<AppProcess> {
    const child = spawn(process.execPath, ['dist/api/apps/api/src/worker.js'], { env: values, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const started = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Sendas worker:')) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', () => reject(new Error(`The worker exited during start:\n${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await started;
    return { baseUrl: '', child, output: () => output, exited };
  }

  beforeAll(async () => {
    database = await ownDatabase();
    peer = await startSmtpPeer({ accounts: { [POM]: POM_APP_PASSWORD } });
    const shared = env();
    api = await spawnApp({ ...shared, WORKERS: 'false' });
    worker = await spawnWorker({ ...shared, DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-drops-worker-')) });
  }, 240_000);
  afterAll(async () => {
    for (const child of [api?.child, worker?.child]) {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    await peer?.close();
    await database?.drop();
  });

  it('keeps the API and the worker alive and sending while every session is terminated again and again', async () => {
    const pom = await signInDemo(api, POM);
    await callApi(api, '/api/users/me/smtp', pom, {
      method: 'PUT',
      // not paced: the pace would hold the send after the storm behind the ~80 scheduled during it (6 s apart)
      body: { provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'none', password: POM_APP_PASSWORD, sendsPerMinute: 0 },
    });
    const { items: quotes } = await callApi<{ items: Array<{ id: string }> }>(api, '/api/quotes?status=draft', pom);
    // the same quotes are sent now and later over and over: each send keeps the ones still scheduled
    const message = (subject: string) => ({ recipients: ['buyer@customer.example'], subject, body: 'Good morning.', attachPdf: false, pendingSends: 'keep' });
    const pids = [api.child.pid, worker.child.pid];

    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const databaseName = new URL(database.url!).pathname.slice(1);
    let terminated = 0;
    const stormEnds = Date.now() + STORM_MS;
    const storm = (async () => {
      while (Date.now() < stormEnds) {
        const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
          databaseName,
        ]);
        terminated += rowCount ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    // sends now and later all through the storm; any single one may fail while its session is cut
    let n = 0;
    while (Date.now() < stormEnds) {
      const quote = quotes[n % quotes.length];
      const sendAt = new Date(Date.now() + 1500).toISOString().slice(0, 19);
      await Promise.allSettled([
        callApi(api, `/api/quotes/${quote.id}/send`, pom, { method: 'POST', body: message(`Now ${n}`), headers: { 'Idempotency-Key': `storm-${n}` } }),
        callApi(api, `/api/quotes/${quote.id}/schedule`, pom, { method: 'POST', body: { ...message(`Later ${n}`), sendAt, timeZone: 'UTC' } }),
      ]);
      n++;
      await new Promise((resolve) => setTimeout(resolve, 250)); // about 150 messages in all, under the daily limit
    }
    await storm;
    await admin.end();
    expect(terminated).toBeGreaterThan(50);

    // the same processes, still running and answering
    expect([api.child.pid, worker.child.pid]).toEqual(pids);
    expect([api.child.exitCode, worker.child.exitCode]).toEqual([null, null]);
    expect(`${api.output()}\n${worker.output()}`).not.toMatch(/Unhandled promise rejection|Uncaught exception/);
    expect((await fetch(`${api.baseUrl}/api/health`)).ok).toBe(true);
    const after = await callApi<{ accepted: string[] }>(api, `/api/quotes/${quotes[0].id}/send`, pom, {
      method: 'POST',
      body: message('After the storm'),
      headers: { 'Idempotency-Key': 'after-the-storm' },
    });
    expect(after.accepted).toEqual(['buyer@customer.example']);
    // and the worker still takes scheduled sends
    const sendAt = new Date(Date.now() + 1000).toISOString().slice(0, 19);
    await callApi(api, `/api/quotes/${quotes[1].id}/schedule`, pom, {
      method: 'POST',
      body: { ...message('Later, after the storm'), sendAt, timeZone: 'UTC' },
    });
    const deadline = Date.now() + 30_000;
    while (!peer.received.some((mail) => mail.raw.includes('Subject: Later, after the storm')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(peer.received.some((mail) => mail.raw.includes('Subject: Later, after the storm'))).toBe(true);
    const outbox = await callApi<ScheduledSendPage>(api, '/api/outbox?pageSize=1', pom);
    expect(outbox.total).toBeGreaterThan(0);
  }, 120_000);
});
