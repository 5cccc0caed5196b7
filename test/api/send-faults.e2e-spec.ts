import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@sendas/contracts';
import { StaleSendSweep } from '../../apps/api/src/email/stale-send-sweep';
import type { User } from '../../apps/api/src/users/user.entity';
import { type SmtpPeer, type SmtpPeerOptions, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The fault matrix of docs/reliability.md: each row sends through a peer that fails on purpose and checks
 * the HTTP answer, the audit row, what the peer received, and (at the end) that no connection is left open.
 */
const APP_PASSWORD = 'faul tmat rixp wd26';
const APPLICATION_NAME = `sendas-faults-${process.pid}`;
const realPostgres = process.env.TEST_DATABASE_EMBEDDED !== 'true';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const failure = (responseCode: number, message: string) => ({ responseCode, message });

describe('Send fault matrix (e2e)', () => {
  let t: TestApp;
  let admin: { user: User; token: string };
  const peers: SmtpPeer[] = [];
  const db = () => t.app.get(DataSource);

  async function salesperson(peerOptions: SmtpPeerOptions = {}) {
    const user = await t.createUser('sales');
    const token = (await t.login(user.email)).accessToken;
    const peer = await startSmtpPeer({ accounts: { [user.email]: APP_PASSWORD }, ...peerOptions });
    peers.push(peer);
    await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(token))
      .send({ provider: 'custom', host: '127.0.0.1', port: peer.port, security: peerOptions.starttls ? 'starttls' : 'none', password: APP_PASSWORD })
      .expect(200);
    const company = await t
      .http()
      .post('/api/companies')
      .set(bearer(admin.token))
      .send({ name: `Faults ${randomUUID().slice(0, 6)}`, country: 'TH', accountManagerId: user.id })
      .expect(201);
    const quote = await t
      .http()
      .post('/api/quotes')
      .set(bearer(token))
      .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '10.00', taxRate: 7 }] })
      .expect(201);
    const send = (body: object = {}, key = randomUUID()) =>
      t
        .http()
        .post(`/api/quotes/${quote.body.id}/send`)
        .set(bearer(token))
        .set('Idempotency-Key', key)
        .send({
          recipients: ['buyer@customer.example'],
          subject: `Quote ${randomUUID().slice(0, 8)}`,
          body: 'Please find our quote.',
          attachPdf: false,
          ...body,
        });
    const auditRows = (): Promise<Array<Record<string, unknown>>> =>
      db().query('SELECT status, error_code, message_id, accepted, rejected FROM email_messages WHERE document_id = $1 ORDER BY created_at', [quote.body.id]);
    const documentStatus = async () => (await db().query('SELECT status FROM documents WHERE id = $1', [quote.body.id]))[0].status as string;
    return { user, token, peer, quoteId: quote.body.id as string, send, auditRows, documentStatus };
  }

  /** Polls until `check` passes (background retries), failing with its last error after `ms`. */
  async function eventually(check: () => Promise<void>, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp(
      { SMTP_CONNECTION_TIMEOUT_MS: '2000', SMTP_GREETING_TIMEOUT_MS: '2000', SMTP_SOCKET_TIMEOUT_MS: '1500' },
      { applicationName: APPLICATION_NAME },
    );
    const user = await t.createUser('admin');
    admin = { user, token: (await t.login(user.email)).accessToken };
  });
  afterAll(async () => {
    await t.close();
    // every mailbox pool was closed with the app: no peer has a connection left
    await eventually(async () => expect(peers.map((peer) => peer.openConnections())).toEqual(peers.map(() => 0)), 5000);
    await Promise.all(peers.map((peer) => peer.close()));
  });

  describe.each([
    ['421 at the greeting', { failGreetingWith: failure(421, '4.3.2 Service not available, closing channel') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['454 at AUTH', { failAuthWith: failure(454, '4.7.0 Too many login attempts, please try again later') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['535 at AUTH', { failAuthWith: failure(535, '5.7.8 Username and Password not accepted') }, ErrorCode.SMTP_AUTH_FAILED],
    ['534 at AUTH', { failAuthWith: failure(534, '5.7.9 Application-specific password required') }, ErrorCode.SMTP_APP_PASSWORD_REQUIRED],
    ['450 at RCPT', { failRcptWith: failure(450, '4.2.1 Mailbox busy') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['451 at RCPT', { failRcptWith: failure(451, '4.3.0 Local error in processing') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['452 at RCPT', { failRcptWith: failure(452, '4.5.3 Too many recipients') }, ErrorCode.SMTP_QUOTA_EXCEEDED],
    ['450 at DATA', { failDataWith: failure(450, '4.2.0 Try again later') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['451 at DATA', { failDataWith: failure(451, '4.3.0 Temporary local problem') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['452 at DATA', { failDataWith: failure(452, '4.3.1 Insufficient system storage') }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['550 5.4.5 at DATA', { failDataWith: failure(550, '5.4.5 Daily user sending limit exceeded') }, ErrorCode.SMTP_QUOTA_EXCEEDED],
    ['552 at DATA', { failDataWith: failure(552, '5.3.4 Message size exceeds fixed limit') }, ErrorCode.SMTP_FAILED],
    ['a self-signed certificate (TLS failure)', { starttls: true }, ErrorCode.SMTP_TLS_FAILED],
  ] as Array<[string, SmtpPeerOptions, ErrorCode]>)('%s', (_name, options, code) => {
    it(`answers 502 ${code} saying nothing was sent; the audit row is failed; the peer kept nothing`, async () => {
      const who = await salesperson(options);
      const response = await who.send();
      expect(response.status).toBe(502);
      expect(response.body).toMatchObject({ code, message: expect.stringContaining('Nothing was sent.') });
      expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'failed', error_code: code })]);
      expect(who.peer.received).toHaveLength(0);
      expect(await who.documentStatus()).toBe('draft');
    });
  });

  it('no answer to the final dot: 502 SEND_OUTCOME_UNKNOWN ("may have been delivered"), the row is unknown, the same key answers the same', async () => {
    const who = await salesperson({ silentAfterData: true });
    const key = randomUUID();
    const body = { subject: 'Unanswered', body: 'Please find our quote.' };
    const response = await who.send(body, key);
    expect(response.status).toBe(502);
    expect(response.body).toMatchObject({ code: ErrorCode.SEND_OUTCOME_UNKNOWN, message: expect.stringContaining('may have been delivered') });
    expect(response.body.message).not.toContain('Nothing was sent');
    expect(who.peer.received).toHaveLength(1); // the peer had the whole message
    const [row] = await who.auditRows();
    expect(row).toMatchObject({ status: 'unknown', error_code: ErrorCode.SEND_OUTCOME_UNKNOWN });
    expect(who.peer.received[0].raw).toContain(`Message-ID: ${row.message_id as string}`);
    const replay = await who.send(body, key);
    expect(replay.status).toBe(502);
    expect(replay.body).toEqual(response.body); // the recorded outcome, not a second message
    expect((await who.send({ ...body, subject: 'Other' }, key)).body.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(who.peer.received).toHaveLength(1);
  });

  it('a connection reset during DATA after the whole message was handed over is unknown, not "nothing sent"', async () => {
    const who = await salesperson({ dropDuringData: true });
    const response = await who.send();
    expect(response.status).toBe(502);
    expect(response.body.code).toBe(ErrorCode.SEND_OUTCOME_UNKNOWN);
    expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'unknown' })]);
  });

  it('one of two recipients refused: sent, and the audit row keeps who accepted and who refused', async () => {
    const who = await salesperson({ refuseRecipients: ['gone@customer.example'] });
    const subject = `Partly refused ${randomUUID()}`;
    const response = await who.send({ recipients: ['buyer@customer.example', 'gone@customer.example'], subject });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ accepted: ['buyer@customer.example'], rejected: ['gone@customer.example'] });
    expect(await who.auditRows()).toEqual([
      expect.objectContaining({ status: 'sent', accepted: ['buyer@customer.example'], rejected: ['gone@customer.example'] }),
    ]);
    expect(who.peer.received[0].to).toEqual(['buyer@customer.example']);

    const history = await t.http().get(`/api/quotes/${who.quoteId}/emails`).set(bearer(who.token)).expect(200);
    expect(history.body[0]).toMatchObject({ status: 'sent', accepted: ['buyer@customer.example'], rejected: ['gone@customer.example'] });
    const log = await t.http().get('/api/emails').query({ q: subject }).set(bearer(admin.token)).expect(200);
    expect(log.body.items).toEqual([expect.objectContaining({ accepted: ['buyer@customer.example'], rejected: ['gone@customer.example'] })]);
  });

  it('a refused blind copy is named only to those who may see blind copies', async () => {
    const who = await salesperson({ refuseRecipients: ['hidden@customer.example'] });
    await who.send({ bcc: ['hidden@customer.example'] }).expect(201);
    const asSender = await t.http().get(`/api/quotes/${who.quoteId}/emails`).set(bearer(who.token)).expect(200);
    expect(asSender.body[0]).toMatchObject({ accepted: ['buyer@customer.example'], rejected: ['hidden@customer.example'] });
    const finance = await t.createUser('finance');
    const asFinance = await t
      .http()
      .get(`/api/quotes/${who.quoteId}/emails`)
      .set(bearer((await t.login(finance.email)).accessToken))
      .expect(200);
    expect(asFinance.body[0]).toMatchObject({ bcc: null, accepted: ['buyer@customer.example'], rejected: [] });
  });

  const faults: string[] = [];
  afterEach(async () => {
    for (const statement of faults.splice(0)) await db().query(statement);
  });

  /**
   * A real database fault: a trigger that does `fault` (raises, or ends its own session) on the first `times` updates of
   * `table` whose old row matches `condition` (a sequence counts them, and survives the rolled-back statement).
   */
  async function faultOnUpdates(table: 'email_messages' | 'documents', condition: string, times: number, fault = `RAISE EXCEPTION 'injected fault'`) {
    const name = `test_fault_${randomUUID().replace(/-/g, '')}`;
    await db().query(`CREATE SEQUENCE ${name}`);
    await db().query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF ${condition} AND nextval('${name}') <= ${times} THEN ${fault}; END IF; RETURN NEW; END $$`);
    await db().query(`CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    faults.push(`DROP TRIGGER ${name} ON ${table}`, `DROP FUNCTION ${name}()`, `DROP SEQUENCE ${name}`);
  }

  describe('the peer accepted, the bookkeeping did not', () => {
    it('the document status change failing (written with the outcome) still answers success; both hold after retry', async () => {
      const who = await salesperson();
      await faultOnUpdates('documents', `OLD.id = '${who.quoteId}'`, 2);
      const response = await who.send();
      expect(response.status).toBe(201);
      expect(who.peer.received).toHaveLength(1);
      await eventually(async () => expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'sent' })]));
      expect(await who.documentStatus()).toBe('sent');
    });

    it('the outcome update failing (trigger on the audit row) still answers success and is retried until it holds', async () => {
      const who = await salesperson();
      // the first two updates of this user's audit rows fail: the outcome write and its first retry
      await faultOnUpdates('email_messages', `OLD.sender_id = '${who.user.id}'`, 2);

      const response = await who.send();
      expect(response.status).toBe(201);
      expect(response.body.messageId).toMatch(/^<.+>$/);
      expect(who.peer.received).toHaveLength(1);
      expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'sending' })]); // not failed
      await eventually(async () => expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'sent', message_id: response.body.messageId })]));
    });
  });

  (realPostgres ? describe : describe.skip)('database connections killed (pg_terminate_backend)', () => {
    const killAppSessions = () =>
      db()
        .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [APPLICATION_NAME])
        .catch(() => undefined); // the statement's own session may be among them

    it.each([
      ['before the send', 'before'],
      ['during the SMTP conversation (the peer holds the message, not yet answered)', 'during'],
    ])('%s: answers success once the peer has the message, and the row ends sent', async (_name, when) => {
      const who = await salesperson(when === 'during' ? { beforeAccepting: killAppSessions } : {});
      if (when === 'before') await killAppSessions();
      const response = await who.send();
      if (when === 'before' && response.status !== 201) {
        // a query on a connection killed while idle may fail once: then nothing was sent and the retry goes through
        expect(who.peer.received).toHaveLength(0);
        expect((await who.send()).status).toBe(201);
      } else {
        expect(response.status).toBe(201);
      }
      expect(who.peer.received).toHaveLength(1);
      await eventually(async () => expect(await who.auditRows()).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'sent' })])));
    });

    it('after the SMTP conversation (the session writing the outcome ends): answers success, and the row ends sent', async () => {
      const who = await salesperson();
      await faultOnUpdates('email_messages', `OLD.sender_id = '${who.user.id}'`, 1, 'PERFORM pg_terminate_backend(pg_backend_pid())');
      const response = await who.send();
      expect(response.status).toBe(201);
      expect(who.peer.received).toHaveLength(1);
      await eventually(async () => expect(await who.auditRows()).toEqual([expect.objectContaining({ status: 'sent', message_id: response.body.messageId })]));
      expect(await who.documentStatus()).toBe('sent');
    });
  });

  it('a send interrupted mid-conversation (process killed) is swept to unknown; its key then answers SEND_OUTCOME_UNKNOWN, not 409', async () => {
    const who = await salesperson();
    const key = randomUUID();
    const body = { recipients: ['buyer@customer.example'], subject: 'Interrupted', body: 'Please find our quote.', attachPdf: false };
    const first = await who.send(body, key);
    expect(first.status).toBe(201);
    // what a kill -9 mid-conversation leaves behind: the row still `sending`, written long ago
    await db().query(`UPDATE email_messages SET status = 'sending', completed_at = NULL, created_at = now() - interval '1 hour' WHERE id = $1`, [
      first.body.emailId,
    ]);
    const inProgress = await who.send(body, key);
    expect(inProgress.status).toBe(409);
    expect(inProgress.body.code).toBe(ErrorCode.SEND_IN_PROGRESS);

    expect(await t.app.get(StaleSendSweep).sweep()).toBeGreaterThanOrEqual(1);
    const replay = await who.send(body, key);
    expect(replay.status).toBe(502);
    expect(replay.body).toMatchObject({ code: ErrorCode.SEND_OUTCOME_UNKNOWN, message: expect.stringContaining('Sent folder') });
    expect(who.peer.received).toHaveLength(1);
    // unknown counts towards the daily limit
    const mine = await t.http().get('/api/users/me/smtp').set(bearer(who.token)).expect(200);
    expect(mine.body.usage.used).toBe(1);
  });
});
