import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScheduledSendPage } from '@sendas/contracts';
import { type AppProcess, callApi, ownDatabase, signInDemo, spawnApp } from '../support/app-process';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';

/**
 * Two instances of the built app with outbox workers on one PostgreSQL, one of them killed (SIGKILL) in the middle
 * of a run of scheduled sends and replaced: every send ends (sent, or `unknown` for one cut off mid-conversation),
 * nothing reaches the mail server twice, and nothing marked sent is missing there. Needs DATABASE_URL (CI sets it).
 */
const twoInstances = process.env.DATABASE_URL ? describe : describe.skip;
const POM = 'pom@bmasiamusic.com';
const POM_APP_PASSWORD = 'pomd emoa ppps wd26';
const RUN = 12;
/** Sends one instance has in flight at most. */
const CONCURRENCY = 4;
/** Instances of one installation share their keys (each would otherwise make its own in its DATA_DIR). */
const SHARED = { SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`, JWT_SECRET: randomBytes(32).toString('hex') };

twoInstances('Outbox across instances, a worker killed mid-run (e2e)', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let peer: SmtpPeer;
  const apps: AppProcess[] = [];

  const env = (): NodeJS.ProcessEnv => {
    const values: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-outbox-')),
      DEV_SMTP_PORT: '0',
      LOG_LEVEL: 'warn',
      ...SHARED,
      WORKERS: 'true',
      OUTBOX_POLL_SECONDS: '1',
      OUTBOX_CONCURRENCY: String(CONCURRENCY),
      // a job whose worker died is taken again after 4 s; a send cut off mid-conversation is `unknown` after 6 s
      OUTBOX_JOB_EXPIRE_SECONDS: '4',
      OUTBOX_MAINTENANCE_SECONDS: '1',
      SEND_STALE_AFTER_SECONDS: '6',
      SEND_SWEEP_INTERVAL_SECONDS: '1',
    };
    delete values.NODE_ENV;
    delete values.SMTP_URL;
    return values;
  };

  beforeAll(async () => {
    database = await ownDatabase();
    // A slow mail server, so that sends are in flight when the worker dies.
    peer = await startSmtpPeer({ accounts: { [POM]: POM_APP_PASSWORD }, beforeAccepting: () => new Promise((resolve) => setTimeout(resolve, 300)) });
    apps.push(await spawnApp(env()));
    apps.push(await spawnApp(env()));
  }, 240_000);
  afterAll(async () => {
    for (const app of apps) {
      if (app.child.exitCode === null && app.child.signalCode === null) {
        app.child.kill('SIGTERM');
        await app.exited;
      }
    }
    await peer?.close();
    await database?.drop();
  });

  it('ends every send once: sent ones reached the server once each, none twice, none lost', async () => {
    const [first, second] = apps;
    const pom = await signInDemo(first, POM);
    await callApi(first, '/api/users/me/smtp', pom, {
      method: 'PUT',
      // paced to one a second (the default for a custom server is one every 6 s: the run would take over a minute)
      body: { provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'none', password: POM_APP_PASSWORD, sendsPerMinute: 60 },
    });
    const { items: quotes } = await callApi<{ items: Array<{ id: string }> }>(first, '/api/quotes?status=draft', pom);
    const sendAt = new Date(Date.now() + 3000).toISOString().slice(0, 19);
    for (let n = 0; n < RUN; n++) {
      await callApi(first, `/api/quotes/${quotes[n % quotes.length].id}/schedule`, pom, {
        method: 'POST',
        // several sends of one quote in a run: each keeps the ones scheduled before it
        body: {
          recipients: ['buyer@customer.example'],
          subject: `Run ${n}`,
          body: 'Good morning.',
          attachPdf: false,
          sendAt,
          timeZone: 'UTC',
          pendingSends: 'keep',
        },
      });
    }

    // kill one instance while the run is under way, and start a replacement
    const deadline = Date.now() + 60_000;
    while (peer.received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.received.length).toBeGreaterThanOrEqual(3); // the run is under way when the instance dies
    second.child.kill('SIGKILL');
    await second.exited;
    apps.push(await spawnApp(env()));

    const norbert = await signInDemo(first, 'norbert@bmasiamusic.com');
    let page: ScheduledSendPage;
    const settleBy = Date.now() + 90_000;
    for (;;) {
      page = await callApi<ScheduledSendPage>(first, '/api/outbox?scope=all&pageSize=100', norbert);
      if (page.items.every((send) => !['scheduled', 'sending'].includes(send.status))) break;
      if (Date.now() > settleBy) throw new Error(`Not settled: ${JSON.stringify(page.items.map((send) => [send.subject, send.status]))}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const subjectsAtServer = peer.received.map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1]);
    expect(new Set(subjectsAtServer).size).toBe(subjectsAtServer.length); // none twice
    const sent = page.items.filter((send) => send.status === 'sent').map((send) => send.subject);
    expect(subjectsAtServer).toEqual(expect.arrayContaining(sent)); // none marked sent is missing
    const others = page.items.filter((send) => send.status !== 'sent');
    // only a send cut off in the middle of its conversation may be `unknown` ("may have been delivered"): at most
    // as many as the killed instance had in flight
    expect(others.filter((send) => send.status !== 'unknown').map(({ subject, status, error }) => ({ subject, status, error }))).toEqual([]);
    expect(others.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(page.items).toHaveLength(RUN);
  }, 200_000);
});
