import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@sendas/contracts';
import { type AppProcess, ownDatabase, processesUsing, spawnApp } from '../support/app-process';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';

/**
 * The built app as a real process, stopped the two ways a host stops it: SIGTERM with a send in flight (the
 * send finishes, the answer arrives, the process exits 0) and kill -9 in the middle of an SMTP conversation
 * (after a restart the row is `unknown`, and the same Idempotency-Key answers SEND_OUTCOME_UNKNOWN). Also the
 * one fault that needs the process's own trust store: a certificate from a trusted CA for another name.
 */
const POM = 'pom@bmasiamusic.com';
const DEMO_PASSWORD = 'sendas-demo';
const APP_PASSWORD = 'proc essk illt st26';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A test CA, and certificates it signed for `subjectAltName`s, made with openssl in `dir`. */
function testCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Sendas Test CA');
  const issue = (name: string, subjectAltName: string) => {
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${subjectAltName}\n`);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
  };
  return { caFile: join(dir, 'ca.pem'), forOtherName: issue('mail.other.example', 'DNS:mail.other.example'), forLoopback: issue('loopback', 'IP:127.0.0.1') };
}

describe('The app as a process: SIGTERM drains, kill -9 leaves an honest unknown (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sendas-process-'));
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  let app: AppProcess | undefined;
  const peers: SmtpPeer[] = [];

  const start = (extra: Record<string, string> = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEV_SMTP_PORT: '0', LOG_LEVEL: 'warn', ...extra };
    delete env.NODE_ENV;
    delete env.SMTP_URL;
    if (database.url) env.DATABASE_URL = database.url;
    else delete env.DATABASE_URL;
    return spawnApp(env);
  };

  async function api(path: string, init: { method?: string; token?: string; body?: object; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${app!.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...init.headers },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** Signs Pom in, points her mailbox at `peer`, and gives her a fresh quote to send. */
  async function pomWithQuote(peer: SmtpPeer) {
    const token = (await api('/api/auth/login', { method: 'POST', body: { email: POM, password: DEMO_PASSWORD } })).body.accessToken as string;
    const mailbox = await api('/api/users/me/smtp', {
      method: 'PUT',
      token,
      body: { provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'none', password: APP_PASSWORD },
    });
    expect(mailbox.status).toBe(200);
    const company = await api('/api/companies', { method: 'POST', token, body: { name: `Process ${randomUUID().slice(0, 6)}`, country: 'TH' } });
    const quote = await api('/api/quotes', {
      method: 'POST',
      token,
      body: { companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '10.00', taxRate: 7 }] },
    });
    expect(quote.status).toBe(201);
    return { token, quoteId: quote.body.id as string };
  }

  const sendBody = { recipients: ['buyer@customer.example'], subject: 'Your quote', body: 'Please find our quote.', attachPdf: false };

  beforeAll(async () => {
    database = await ownDatabase();
  });
  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    await Promise.all(peers.map((peer) => peer.close()));
    await database.drop();
  });

  it('SIGTERM with a send in flight: no new connections, the send finishes and is answered 201, the process exits 0', async () => {
    let messageArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (messageArrived = resolve));
    const peer = await startSmtpPeer({
      accounts: { [POM]: APP_PASSWORD },
      beforeAccepting: async () => {
        messageArrived();
        await sleep(1500);
      },
    });
    peers.push(peer);
    app = await start();
    const pom = await pomWithQuote(peer);

    const sending = api(`/api/quotes/${pom.quoteId}/send`, { method: 'POST', token: pom.token, body: sendBody, headers: { 'Idempotency-Key': randomUUID() } });
    let answered = false;
    void sending.then(() => (answered = true));
    await arrived;
    app.child.kill('SIGTERM');
    // new connections are refused while the send is still in flight (the peer holds it 1.5 s); each try is a new
    // connection (a kept-alive one would be reused, and kept busy)
    const health = `${app.baseUrl}/api/health`;
    const connects = () =>
      new Promise<boolean>((resolve) =>
        get(health, { agent: false }, (response) => {
          response.resume();
          resolve(true);
        }).on('error', () => resolve(false)),
      );
    let refused = false;
    for (const by = Date.now() + 1000; !refused && Date.now() < by; await sleep(20)) refused = !(await connects());
    expect(refused).toBe(true);
    expect(answered).toBe(false);

    const answer = await sending;
    expect(answer.status).toBe(201);
    expect(answer.body.accepted).toEqual(['buyer@customer.example']);
    expect(await app.exited).toBe(0);
    expect(peer.received).toHaveLength(1);
    await until(() => peer.openConnections() === 0, 'the peer to see its connection closed');

    // the bookkeeping finished before the stop: after a restart the row says sent
    await until(() => !processesUsing(dataDir), 'the embedded database of the stopped app to stop');
    app = await start();
    const token = (await api('/api/auth/login', { method: 'POST', body: { email: POM, password: DEMO_PASSWORD } })).body.accessToken as string;
    const history = await api(`/api/quotes/${pom.quoteId}/emails`, { token });
    expect(history.body.map((row: { status: string }) => row.status)).toEqual(['sent']);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('kill -9 mid-conversation, then a restart: the row is unknown, the same key answers SEND_OUTCOME_UNKNOWN, history says so', async () => {
    const peer = await startSmtpPeer({ accounts: { [POM]: APP_PASSWORD }, silentAfterData: true });
    peers.push(peer);
    app = await start();
    const pom = await pomWithQuote(peer);
    const key = randomUUID();

    const interrupted = api(`/api/quotes/${pom.quoteId}/send`, { method: 'POST', token: pom.token, body: sendBody, headers: { 'Idempotency-Key': key } }).catch(
      (error: unknown) => error,
    );
    await until(() => peer.received.length === 1, 'the whole message to reach the peer');
    app.child.kill('SIGKILL');
    expect(await app.exited).toBeNull();
    expect(await interrupted).toMatchObject({ message: 'fetch failed' });
    await until(() => peer.openConnections() === 0, 'the dead process’s connection to close');
    await until(() => !processesUsing(dataDir), 'the embedded database of the killed app to stop');

    // rows older than 2 s in `sending` are swept at start and then every second
    app = await start({ SEND_STALE_AFTER_SECONDS: '2', SEND_SWEEP_INTERVAL_SECONDS: '1' });
    const token = (await api('/api/auth/login', { method: 'POST', body: { email: POM, password: DEMO_PASSWORD } })).body.accessToken as string;
    let replay = await api(`/api/quotes/${pom.quoteId}/send`, { method: 'POST', token, body: sendBody, headers: { 'Idempotency-Key': key } });
    for (let tries = 0; replay.body.code === ErrorCode.SEND_IN_PROGRESS && tries < 50; tries++) {
      await sleep(200);
      replay = await api(`/api/quotes/${pom.quoteId}/send`, { method: 'POST', token, body: sendBody, headers: { 'Idempotency-Key': key } });
    }
    expect(replay.status).toBe(502);
    expect(replay.body).toMatchObject({ code: ErrorCode.SEND_OUTCOME_UNKNOWN, message: expect.stringContaining('Sent folder') });
    expect(peer.received).toHaveLength(1);

    const history = await api(`/api/quotes/${pom.quoteId}/emails`, { token });
    expect(history.body.map((row: { status: string }) => row.status)).toEqual(['unknown']);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('STARTTLS with a certificate from a trusted CA but for another name: 502 SMTP_TLS_FAILED, a failed row, nothing sent; the right name goes through', async () => {
    const certificates = testCertificates(mkdtempSync(join(tmpdir(), 'sendas-certs-')));
    const wrongName = await startSmtpPeer({ accounts: { [POM]: APP_PASSWORD }, starttls: true, certificate: certificates.forOtherName });
    const rightName = await startSmtpPeer({ accounts: { [POM]: APP_PASSWORD }, starttls: true, certificate: certificates.forLoopback });
    peers.push(wrongName, rightName);
    await until(() => !processesUsing(dataDir), 'the previous app to stop');
    app = await start({ NODE_EXTRA_CA_CERTS: certificates.caFile });
    const pom = await pomWithQuote(wrongName);
    const mailbox = (peer: SmtpPeer) =>
      api('/api/users/me/smtp', {
        method: 'PUT',
        token: pom.token,
        body: { provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'starttls', password: APP_PASSWORD },
      });
    const send = () =>
      api(`/api/quotes/${pom.quoteId}/send`, { method: 'POST', token: pom.token, body: sendBody, headers: { 'Idempotency-Key': randomUUID() } });

    expect((await mailbox(wrongName)).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe(ErrorCode.SMTP_TLS_FAILED);
    expect(wrongName.received).toHaveLength(0);
    expect(wrongName.auths).toHaveLength(0);

    expect((await mailbox(rightName)).status).toBe(200);
    expect((await send()).status).toBe(201);
    expect(rightName.received).toHaveLength(1);

    const history = await api(`/api/quotes/${pom.quoteId}/emails`, { token: pom.token });
    expect(history.body.map((row: { status: string }) => row.status).sort()).toEqual(['failed', 'sent']);
    await until(() => wrongName.openConnections() === 0, 'the refused connection to close');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});
