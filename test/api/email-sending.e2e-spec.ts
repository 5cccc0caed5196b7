import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { ErrorCode, type Role } from '@sendas/contracts';
import type { User } from '../../apps/api/src/users/user.entity';
import { type SmtpPeer, type SmtpPeerOptions, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

const APP_PASSWORD = 'abcd efgh ijkl mnop';

describe('Sending documents by email (e2e)', () => {
  let t: TestApp;
  let admin: { user: User; token: string };
  const peers: SmtpPeer[] = [];

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function person(role: Role = 'sales') {
    const user = await t.createUser(role, { name: `${role} ${randomUUID().slice(0, 4)}` });
    await t.app.get(DataSource).query('UPDATE users SET signature = $1 WHERE id = $2', [`${user.name}\nBMAsia Music`, user.id]);
    return { user, token: (await t.login(user.email)).accessToken };
  }

  async function peer(options: SmtpPeerOptions = {}) {
    const started = await startSmtpPeer(options);
    peers.push(started);
    return started;
  }

  /** Gives the user their own mailbox at `target`, with `password`. */
  async function mailbox(who: { token: string }, target: SmtpPeer, password = APP_PASSWORD, extra: object = {}) {
    await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(who.token))
      .send({ provider: 'custom', host: '127.0.0.1', port: target.port, security: 'none', password, ...extra })
      .expect(200);
  }

  /** A customer with a primary and a billing contact, and a draft quote owned by `owner`. */
  async function quote(owner: { user: User; token: string }) {
    const company = await t
      .http()
      .post('/api/companies')
      .set(bearer(admin.token))
      .send({ name: `Siam Riverside ${randomUUID().slice(0, 6)}`, country: 'TH' })
      .expect(201);
    for (const contact of [
      { name: 'Somchai Jaidee', greetingName: 'Somchai', email: 'somchai@siam.example', isPrimary: true },
      { name: 'Malee Srisuk', email: 'accounts@siam.example', isBilling: true },
    ]) {
      await t.http().post(`/api/companies/${company.body.id}/contacts`).set(bearer(admin.token)).send(contact).expect(201);
    }
    const created = await t
      .http()
      .post('/api/quotes')
      .set(bearer(owner.token))
      .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 3, unitPrice: '19.99', taxRate: 7 }] })
      .expect(201);
    return created.body as { id: string; number: string };
  }

  const message = (overrides: object = {}) => ({
    recipients: ['somchai@siam.example'],
    subject: `Quote ${randomUUID().slice(0, 8)}`,
    body: 'Dear Somchai,\n\nPlease find our quote attached.\n\nKind regards,',
    ...overrides,
  });

  const rows = (documentId: string) => t.app.get(DataSource).query('SELECT * FROM email_messages WHERE document_id = $1 ORDER BY created_at', [documentId]);

  beforeAll(async () => {
    t = await createTestApp({ SMTP_CONNECTION_TIMEOUT_MS: '2000', SMTP_GREETING_TIMEOUT_MS: '2000', SMTP_SOCKET_TIMEOUT_MS: '3000' });
    admin = await person('admin');
  });
  afterAll(async () => {
    await t.close(); // closes the mailbox pools first, so the peers have no open connections left
    await Promise.all(peers.map((p) => p.close()));
  });

  it("sends Pom's quote from Pom's own mailbox: authenticated as Pom, From Pom, PDF attached, quote marked sent", async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider);
    const document = await quote(pom);

    const draft = await t.http().get(`/api/quotes/${document.id}/email-draft`).set(bearer(pom.token)).expect(200);
    expect(draft.body.from).toEqual({ email: pom.user.email, name: pom.user.name, via: 'user' });
    expect(draft.body.recipients).toEqual([
      expect.objectContaining({ email: 'somchai@siam.example', role: 'Primary contact', preselected: true }),
      expect.objectContaining({ email: 'accounts@siam.example', role: 'Billing contact', preselected: false }),
    ]);
    expect(draft.body.subject).toBe(`Quote ${document.number} from BMAsia Music`);
    expect(draft.body.body).toContain('Dear Somchai,');
    expect(draft.body.attachmentName).toBe(`Quote-${document.number}.pdf`);
    expect(draft.body.usage).toMatchObject({ used: 0, limit: 2000, remaining: 2000 });

    const sent = await t
      .http()
      .post(`/api/quotes/${document.id}/send`)
      .set(bearer(pom.token))
      .send(message({ subject: draft.body.subject, body: draft.body.body }))
      .expect(201);
    expect(sent.body).toMatchObject({ sentVia: 'user', accepted: ['somchai@siam.example'], rejected: [] });
    expect(sent.body.from).toContain(pom.user.email);

    expect(provider.received).toHaveLength(1);
    const received = provider.received[0];
    expect(received.authUser).toBe(pom.user.email);
    expect(received.from).toBe(pom.user.email);
    const parsed = await simpleParser(received.raw);
    expect(parsed.from?.value[0].address).toBe(pom.user.email);
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.subject).toBe(draft.body.subject);
    expect(parsed.text).toContain(`${pom.user.name}\nBMAsia Music`);
    expect(parsed.html).toContain('Dear Somchai,');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0].filename).toBe(`Quote-${document.number}.pdf`);
    expect(parsed.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');

    const detail = await t.http().get(`/api/quotes/${document.id}`).set(bearer(pom.token)).expect(200);
    expect(detail.body.status).toBe('sent');
    const history = await t.http().get(`/api/quotes/${document.id}/emails`).set(bearer(pom.token)).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({ status: 'sent', sentVia: 'user', to: ['somchai@siam.example'], attachments: [`Quote-${document.number}.pdf`] }),
    ]);
    const usage = await t.http().get('/api/users/me/smtp').set(bearer(pom.token)).expect(200);
    expect(usage.body.usage).toMatchObject({ used: 1, remaining: 1999 });
  });

  it("sends Keith's quote through the company account, with replies to Keith", async () => {
    const keith = await person('sales');
    const document = await quote(keith);
    const draft = await t.http().get(`/api/quotes/${document.id}/email-draft`).set(bearer(keith.token)).expect(200);
    expect(draft.body.from.via).toBe('system');
    expect(draft.body.replyTo).toBe(keith.user.email);
    // no Sent folder is promised: the audit log is the record
    expect(draft.body.sentCopyNote).toBe("The company account puts no copy in anyone's Sent folder: the email log in Sendas is the record of this send.");

    const body = message();
    const sent = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(keith.token)).send(body).expect(201);
    expect(sent.body.sentVia).toBe('system');
    expect(sent.body.sentCopy).toMatchObject({ status: 'not_needed', detail: expect.stringContaining('the audit log is the record') });

    const mailbox = await t.http().get('/api/dev/mailbox').query({ q: body.subject }).set(bearer(keith.token)).expect(200);
    expect(mailbox.body.items).toHaveLength(1);
    expect(mailbox.body.items[0].authUser).toBe('sendas-system');
    const detail = await t.http().get(`/api/dev/mailbox/${mailbox.body.items[0].id}`).set(bearer(keith.token)).expect(200);
    expect(detail.body.replyTo).toContain(keith.user.email);
    expect(detail.body.from).not.toContain(keith.user.email);
  });

  it('shows one send whole: body as sent, cc, attachments, server reply; the blind copy only to the sender and admins', async () => {
    const keith = await person('sales');
    const finance = await person('finance');
    const document = await quote(keith);
    const body = message({ cc: ['accounts@siam.example'], bcc: ['keith.archive@bmasiamusic.com'] });
    const sent = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(keith.token)).send(body).expect(201);
    const path = `/api/quotes/${document.id}/emails/${sent.body.emailId}`;

    const own = await t.http().get(path).set(bearer(keith.token)).expect(200);
    expect(own.body).toMatchObject({
      id: sent.body.emailId,
      status: 'sent',
      actor: { id: keith.user.id, name: keith.user.name },
      sender: { id: keith.user.id },
      sentVia: 'system',
      to: ['somchai@siam.example'],
      cc: ['accounts@siam.example'],
      bcc: ['keith.archive@bmasiamusic.com'],
      subject: body.subject,
      attachments: [`Quote-${document.number}.pdf`],
      messageId: sent.body.messageId,
      smtpResponse: expect.stringMatching(/^250/),
    });
    expect(own.body.body).toContain('Please find our quote attached.');
    expect(own.body.body).toContain(`${keith.user.name}\nBMAsia Music`);
    expect((await t.http().get(path).set(bearer(admin.token)).expect(200)).body.bcc).toEqual(['keith.archive@bmasiamusic.com']);

    // finance reads every quote, but not whom Keith copied blind: not in the detail, not in the history
    const theirs = await t.http().get(path).set(bearer(finance.token)).expect(200);
    expect(theirs.body).toMatchObject({ cc: ['accounts@siam.example'], bcc: null });
    const history = await t.http().get(`/api/quotes/${document.id}/emails`).set(bearer(finance.token)).expect(200);
    expect(history.body[0].bcc).toBeNull();
    expect(JSON.stringify([theirs.body, history.body])).not.toContain('keith.archive');

    // another salesperson may not read the quote at all; a send of another document is not found here
    const stranger = await person('sales');
    expect((await t.http().get(path).set(bearer(stranger.token))).body.code).toBe(ErrorCode.DOCUMENT_NOT_FOUND);
    const other = await quote(keith);
    const elsewhere = await t.http().get(`/api/quotes/${other.id}/emails/${sent.body.emailId}`).set(bearer(keith.token));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe(ErrorCode.EMAIL_NOT_FOUND);

    // the caught message in the dev mailbox points back to this send
    const caught = await t.http().get('/api/dev/mailbox').query({ q: body.subject }).set(bearer(keith.token)).expect(200);
    const devDetail = await t.http().get(`/api/dev/mailbox/${caught.body.items[0].id}`).set(bearer(keith.token)).expect(200);
    expect(devDetail.body.sendRecord).toEqual({ documentType: 'quote', documentId: document.id, emailId: sent.body.emailId });
  });

  it("does not fall back when Pom's own password is refused: SMTP_AUTH_FAILED, nothing sent anywhere, a failed audit row", async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: 'the real password' } });
    await mailbox(pom, provider, 'an outdated password');
    const document = await quote(pom);
    const body = message();

    const response = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(body);
    expect(response.status).toBe(502);
    expect(response.body.code).toBe(ErrorCode.SMTP_AUTH_FAILED);
    expect(response.body.message).toContain(pom.user.email);
    expect(provider.received).toHaveLength(0);
    const system = await t.http().get('/api/dev/mailbox').query({ q: body.subject }).set(bearer(pom.token));
    expect(system.body.total).toBe(0);
    const [row] = await rows(document.id);
    expect(row).toMatchObject({ status: 'failed', error_code: ErrorCode.SMTP_AUTH_FAILED, sent_via: 'user' });
    const settings = await t.http().get('/api/users/me/smtp').set(bearer(pom.token));
    expect(settings.body.status).toBe('failing');
    const detail = await t.http().get(`/api/quotes/${document.id}`).set(bearer(pom.token));
    expect(detail.body.status).toBe('draft');
  });

  it("shows a failed send on the document's page and list row, with the reason, until a send goes out", async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: 'the real password' } });
    await mailbox(pom, provider, 'an outdated password');
    const document = await quote(pom);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(502);
    const [failed] = await rows(document.id);

    const problem = {
      emailId: failed.id,
      status: 'failed',
      code: ErrorCode.SMTP_AUTH_FAILED,
      message: expect.stringContaining(pom.user.email),
      at: expect.any(String),
    };
    const detail = await t.http().get(`/api/quotes/${document.id}`).set(bearer(pom.token)).expect(200);
    expect(detail.body).toMatchObject({ status: 'draft', lastSendProblem: problem });
    const list = await t.http().get('/api/quotes').query({ q: document.number }).set(bearer(pom.token)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: document.id, lastSendProblem: problem })]);

    await mailbox(pom, provider, 'the real password');
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(201);
    const after = await t.http().get(`/api/quotes/${document.id}`).set(bearer(pom.token)).expect(200);
    expect(after.body).toMatchObject({ status: 'sent', lastSendProblem: null });
  });

  it.each([
    ['a 4xx at RCPT', { failRcptWith: { responseCode: 450, message: '4.2.1 Mailbox busy, try later' } }, ErrorCode.SMTP_TEMPORARY_FAILURE],
    ['550 5.4.5 after DATA', { failDataWith: { responseCode: 550, message: '5.4.5 Daily user sending limit exceeded' } }, ErrorCode.SMTP_QUOTA_EXCEEDED],
    // a connection dropped mid-DATA: see send-faults.e2e-spec.ts (its outcome is unknown, not failed)
  ] as const)('maps %s to a clear error and a failed row', async (_name, failure, code) => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD }, ...failure });
    await mailbox(pom, provider);
    const document = await quote(pom);
    const response = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message());
    expect(response.status).toBe(502);
    expect(response.body.code).toBe(code);
    expect(response.body.message).toMatch(/Nothing was sent\.$/);
    expect(provider.received).toHaveLength(0);
    const [row] = await rows(document.id);
    expect(row.status).toBe('failed');
    expect(row.error_code).toBe(response.body.code);
    expect(row.completed_at).not.toBeNull();
  });

  it('sends once per Idempotency-Key, also when the same request arrives twice at once', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider);
    const document = await quote(pom);
    const body = message();
    const send = (key: string, payload: object = body) =>
      t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).set('Idempotency-Key', key).send(payload);

    const first = await send('key-1').expect(201);
    const again = await send('key-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(provider.received).toHaveLength(1);

    const reused = await send('key-1', { ...body, subject: 'Something else' });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);

    const together = await Promise.all([send('key-2'), send('key-2')]);
    const statuses = together.map((r) => r.status).sort();
    expect(
      [
        ['201', '201'],
        ['201', '409'],
      ].map(String),
    ).toContain(statuses.map(String).join(','));
    expect(provider.received).toHaveLength(2);
    expect(await rows(document.id)).toHaveLength(2);

    const tooLong = await send('k'.repeat(256));
    expect(tooLong.status).toBe(400);
  });

  it("uses Pom's new password on the very next send (the old pool is closed)", async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider);
    const document = await quote(pom);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(201);

    await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'custom', password: 'a new wrong one' }).expect(200);
    const refused = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message());
    expect(refused.body.code).toBe(ErrorCode.SMTP_AUTH_FAILED);

    await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'custom', password: APP_PASSWORD }).expect(200);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(201);
    expect(provider.received).toHaveLength(2);
  });

  it("lets the messages queued on a mailbox's pool go out when the mailbox is edited meanwhile (the old pool drains, then closes)", async () => {
    const pom = await person('sales');
    let firstArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD }, beforeAccepting: () => (firstArrived(), held) });
    await mailbox(pom, provider);
    const document = await quote(pom);
    // four at once on a pool of two connections: two wait in the pool's queue
    const sends = Array.from({ length: 4 }, () =>
      t
        .http()
        .post(`/api/quotes/${document.id}/send`)
        .set(bearer(pom.token))
        .send(message({ attachPdf: false }))
        .then((r) => r),
    );
    await arrived;
    await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'custom', fromName: 'Pom (Sales)' }).expect(200);
    release();
    const answers = await Promise.all(sends);
    expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual(Array(4).fill([201, undefined]));
    expect(provider.received).toHaveLength(4);
  });

  it('lets an admin send on behalf of Pom through her mailbox, audited with both; sales may not', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider);
    const document = await quote(pom);

    // The dialog's draft as Pom would send it: her mailbox, her signature, her usage.
    const asAdmin = await t.http().get(`/api/quotes/${document.id}/email-draft`).set(bearer(admin.token)).expect(200);
    expect(asAdmin.body.from.via).toBe('system');
    const asPom = await t.http().get(`/api/quotes/${document.id}/email-draft`).query({ onBehalfOfUserId: pom.user.id }).set(bearer(admin.token)).expect(200);
    expect(asPom.body).toMatchObject({ from: { email: pom.user.email, via: 'user' }, replyTo: pom.user.email, signature: `${pom.user.name}\nBMAsia Music` });
    expect(asPom.body.usage).toMatchObject({ used: 0 });
    const notAnId = await t.http().get(`/api/quotes/${document.id}/email-draft`).query({ onBehalfOfUserId: 'pom' }).set(bearer(admin.token)).expect(400);
    expect(notAnId.body.message).toContain('onBehalfOfUserId');

    const sent = await t
      .http()
      .post(`/api/quotes/${document.id}/send`)
      .set(bearer(admin.token))
      .send(message({ onBehalfOfUserId: pom.user.id }))
      .expect(201);
    expect(sent.body.sentVia).toBe('user');
    expect(provider.received[0].authUser).toBe(pom.user.email);
    const history = await t.http().get(`/api/quotes/${document.id}/emails`).set(bearer(pom.token)).expect(200);
    expect(history.body[0]).toMatchObject({ actor: { id: admin.user.id }, sender: { id: pom.user.id } });

    const log = await t.http().get('/api/emails').query({ userId: pom.user.id }).set(bearer(admin.token)).expect(200);
    expect(log.body.items.map((item: { id: string }) => item.id)).toContain(sent.body.emailId);
    const byRecipient = await t.http().get('/api/emails').query({ q: 'SOMCHAI@siam', userId: pom.user.id }).set(bearer(admin.token)).expect(200);
    expect(byRecipient.body.items.map((item: { id: string }) => item.id)).toContain(sent.body.emailId);
    const nobody = await t.http().get('/api/emails').query({ q: 'nobody@nowhere.example', userId: pom.user.id }).set(bearer(admin.token)).expect(200);
    expect(nobody.body.total).toBe(0);
    const salesLog = await t.http().get('/api/emails').set(bearer(pom.token));
    expect(salesLog.status).toBe(403);

    const colleague = await person('sales');
    const ownQuote = await quote(colleague);
    const impersonate = await t
      .http()
      .post(`/api/quotes/${ownQuote.id}/send`)
      .set(bearer(colleague.token))
      .send(message({ onBehalfOfUserId: pom.user.id }));
    expect(impersonate.status).toBe(403);
    const draftAsPom = await t.http().get(`/api/quotes/${ownQuote.id}/email-draft`).query({ onBehalfOfUserId: pom.user.id }).set(bearer(colleague.token));
    expect(draftAsPom.status).toBe(403);
    const peek = await t.http().get(`/api/quotes/${document.id}/emails`).set(bearer(colleague.token));
    expect(peek.status).toBe(404);
    const sendOthers = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(colleague.token)).send(message());
    expect(sendOthers.status).toBe(404);
  });

  it('refuses bad input before any SMTP traffic and writes no audit row', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider);
    const document = await quote(pom);
    const cases: Array<[object, string]> = [
      [{ recipients: [] }, 'recipients'],
      [{ recipients: ['not-an-address'] }, 'recipients'],
      [{ recipients: Array.from({ length: 30 }, (_, i) => `r${i}@x.example`), cc: Array.from({ length: 21 }, (_, i) => `c${i}@x.example`) }, 'recipients'],
      [{ subject: 'Quote\r\nBcc: attacker@evil.example' }, 'subject'],
      [{ subject: 'x'.repeat(999) }, 'subject'],
      [{ body: 'x'.repeat(100 * 1024 + 1) }, 'body'],
      [{ from: 'ceo@bmasiamusic.com' }, 'from'],
    ];
    for (const [overrides, field] of cases) {
      const response = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message(overrides));
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(provider.received).toHaveLength(0);
    expect(await rows(document.id)).toHaveLength(0);
  });

  it('keeps a mailbox within its daily limit, refusing before any SMTP traffic with the time it frees up', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider, APP_PASSWORD, { dailyLimit: 1 });
    const document = await quote(pom);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(201);
    const refused = await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message());
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe(ErrorCode.SMTP_QUOTA_EXCEEDED);
    expect(new Date(refused.body.details.freesAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(provider.received).toHaveLength(1);
  });

  it('sends through the mailbox as it is now when another instance changed or removed it after this one read it', async () => {
    const pom = await person('sales');
    const before = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    const after = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, before, APP_PASSWORD);
    const document = await quote(pom);
    const send = () => t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message());
    await send().expect(201);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE mailboxes SET port = $2, version = version + 1 WHERE user_id = $1`, [pom.user.id, after.port]);
    expect((await send().expect(201)).body.sentVia).toBe('user');
    expect([before.received.length, after.received.length]).toEqual([1, 1]);
    await db.query(`DELETE FROM mailboxes WHERE user_id = $1`, [pom.user.id]);
    const gone = await send();
    expect(gone.body.sentVia).not.toBe('user');
    expect([before.received.length, after.received.length]).toEqual([1, 1]);
  });

  it('does not count a failed send against the daily limit', async () => {
    const pom = await person('sales');
    const provider = await peer({
      accounts: { [pom.user.email]: APP_PASSWORD },
      failRcptWith: { responseCode: 550, message: '5.1.1 No such user' },
      failRcptTimes: 1,
    });
    await mailbox(pom, provider, APP_PASSWORD, { dailyLimit: 1 });
    const document = await quote(pom);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(502);
    await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message()).expect(201);
    expect((await t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message())).status).toBe(429);
    expect(provider.received).toHaveLength(1);
  });

  it('counts what the mailbox sent in the last 24 hours: a message of 23 hours ago counts, one of 26 hours ago does not', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider, APP_PASSWORD, { dailyLimit: 5 });
    const document = await quote(pom);
    for (const hoursAgo of [23, 26]) {
      await t.app.get(DataSource).query(
        `INSERT INTO email_messages (document_type, document_id, document_number, actor_id, sender_id, sent_via, from_address, to_addresses, subject, body, status, created_at)
         VALUES ('quote', $1, 'Q-EARLIER', $2, $2, 'user', $3, ARRAY['buyer@customer.example'], 'Earlier', 'Earlier', 'sent', now() - make_interval(hours => $4))`,
        [document.id, pom.user.id, pom.user.email, hoursAgo],
      );
    }
    const { body } = await t.http().get('/api/users/me/smtp').set(bearer(pom.token)).expect(200);
    expect(body.usage).toMatchObject({ used: 1, limit: 5, remaining: 4 });
    // it stops counting once its hour has left the window: between 1 and 2 hours from now
    const freesIn = new Date(body.usage.freesAt).getTime() - Date.now();
    expect(freesIn).toBeGreaterThan(3_600_000 - 60_000);
    expect(freesIn).toBeLessThanOrEqual(2 * 3_600_000);
  });

  it('holds the daily limit under concurrent sends: exactly the limit goes out, the rest get 429', async () => {
    const pom = await person('sales');
    const provider = await peer({ accounts: { [pom.user.email]: APP_PASSWORD } });
    await mailbox(pom, provider, APP_PASSWORD, { dailyLimit: 3 });
    const documents = await Promise.all(Array.from({ length: 8 }, () => quote(pom)));
    const responses = await Promise.all(documents.map((document) => t.http().post(`/api/quotes/${document.id}/send`).set(bearer(pom.token)).send(message())));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(refused.body).toMatchObject({ code: ErrorCode.SMTP_QUOTA_EXCEEDED, details: { used: 3, limit: 3 } });
    }
    expect(provider.received).toHaveLength(3);
    const audited = await t.app.get(DataSource).query(`SELECT status FROM email_messages WHERE sender_id = $1`, [pom.user.id]);
    expect(audited.map((row: { status: string }) => row.status)).toEqual(['sent', 'sent', 'sent']);
  });
});
