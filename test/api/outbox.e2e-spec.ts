import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { type BulkSendDto, type BulkSendPreview, ErrorCode, type ScheduledSendDto } from '@sendas/contracts';
import { DataSource } from 'typeorm';
import { LIVE_JOB_FOR } from '../../apps/api/src/outbox/job-queue';
import { OutboxWorker } from '../../apps/api/src/outbox/outbox-worker';
import type { User } from '../../apps/api/src/users/user.entity';
import { binary } from '../support/http';
import { type SmtpPeer, type SmtpPeerOptions, startSmtpPeer } from '../support/smtp-peers';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Send later through the job queue (pg-boss) with a real worker in the app: what was approved goes out at its
 * time, once; cancel and reschedule until it starts; a provider's "try again later" is retried, a refusal is not.
 */
const APP_PASSWORD = 'outb oxap ppas sw26';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
/** A local date and time `ms` from now, in UTC, as the dialog sends it. */
const utcIn = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 19);

describe('Outbox: send later (e2e)', () => {
  let t: TestApp;
  let admin: { user: User; token: string };
  const peers: SmtpPeer[] = [];

  async function salesperson(peerOptions: SmtpPeerOptions = {}) {
    const user = await t.createUser('sales');
    const token = (await t.login(user.email)).accessToken;
    const peer = await startSmtpPeer({ accounts: { [user.email]: APP_PASSWORD }, ...peerOptions });
    peers.push(peer);
    await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(token))
      .send({ provider: 'custom', host: '127.0.0.1', port: peer.port, security: 'none', password: APP_PASSWORD })
      .expect(200);
    const company = await t
      .http()
      .post('/api/companies')
      .set(bearer(admin.token))
      .send({ name: `Later ${randomUUID().slice(0, 6)}`, country: 'TH', accountManagerId: user.id })
      .expect(201);
    const quote = await t
      .http()
      .post('/api/quotes')
      .set(bearer(token))
      .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '10.00', taxRate: 7 }] })
      .expect(201);
    const schedule = (body: object = {}) =>
      t
        .http()
        .post(`/api/quotes/${quote.body.id}/schedule`)
        .set(bearer(token))
        .send({
          recipients: ['buyer@customer.example'],
          subject: `Later ${randomUUID().slice(0, 8)}`,
          body: 'Good morning.',
          sendAt: utcIn(1500),
          timeZone: 'UTC',
          ...body,
        });
    const get = async (id: string) => (await t.http().get(`/api/outbox/${id}`).set(bearer(token)).expect(200)).body as ScheduledSendDto;
    return { user, token, peer, quoteId: quote.body.id as string, schedule, get };
  }

  /** Polls the scheduled send until it leaves scheduled/sending. */
  async function settled(get: (id: string) => Promise<ScheduledSendDto>, id: string, ms = 20_000): Promise<ScheduledSendDto> {
    const deadline = Date.now() + ms;
    for (;;) {
      const row = await get(id);
      if (row.status !== 'scheduled' && row.status !== 'sending') return row;
      if (Date.now() > deadline) throw new Error(`Still ${row.status}: ${JSON.stringify(row)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    t = await createTestApp({
      WORKERS: 'true',
      OUTBOX_POLL_SECONDS: '1',
      OUTBOX_FIRST_RETRY_SECONDS: '1',
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_PACE_PER_MINUTE: '120',
      SMTP_CONNECTION_TIMEOUT_MS: '2000',
      SMTP_GREETING_TIMEOUT_MS: '2000',
      SMTP_SOCKET_TIMEOUT_MS: '2000',
    });
    const user = await t.createUser('admin');
    admin = { user, token: (await t.login(user.email)).accessToken };
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(peers.map((peer) => peer.close()));
  });

  it('sends at its time exactly what was approved, the PDF as it was then, once; the history shows it scheduled, then sent', async () => {
    const pom = await salesperson();
    const approvedPdf = (await binary(t.http().get(`/api/quotes/${pom.quoteId}/pdf`).set(bearer(pom.token))).expect(200)).body as Buffer;
    const scheduled = await pom.schedule({ subject: 'Your quote, as promised', sendAt: utcIn(2500) }).expect(201);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      timeZone: 'UTC',
      to: ['buyer@customer.example'],
      subject: 'Your quote, as promised',
      attempts: 0,
      emailId: null,
    });
    const history = await t.http().get(`/api/quotes/${pom.quoteId}/scheduled`).set(bearer(pom.token)).expect(200);
    expect(history.body.map((row: ScheduledSendDto) => row.id)).toEqual([scheduled.body.id]);

    // The quote changes after it was approved: the customer still gets what was approved.
    await t
      .http()
      .patch(`/api/quotes/${pom.quoteId}`)
      .set(bearer(pom.token))
      .send({ lines: [{ description: 'Licence', quantity: 9, unitPrice: '10.00', taxRate: 7 }] })
      .expect(200);
    expect(pom.peer.received).toHaveLength(0);

    const sent = await settled(pom.get, scheduled.body.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, emailId: expect.any(String), error: null });
    expect(pom.peer.received).toHaveLength(1);
    const mail = await simpleParser(pom.peer.received[0].raw);
    expect(mail.subject).toBe('Your quote, as promised');
    expect(Buffer.compare(mail.attachments[0].content, approvedPdf)).toBe(0);
    const emails = await t.http().get(`/api/quotes/${pom.quoteId}/emails`).set(bearer(pom.token)).expect(200);
    expect(emails.body).toEqual([expect.objectContaining({ id: sent.emailId, status: 'sent', subject: 'Your quote, as promised' })]);
  });

  it("takes the time in the sender's time zone", async () => {
    const pom = await salesperson();
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const scheduled = await pom.schedule({ sendAt: `${day}T09:00`, timeZone: 'Asia/Bangkok' }).expect(201);
    expect(scheduled.body).toMatchObject({ sendAt: `${day}T02:00:00.000Z`, timeZone: 'Asia/Bangkok' });
  });

  it('cancels or moves a send until it starts; a started or finished one answers 409', async () => {
    const pom = await salesperson();
    const later = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    const cancelled = await t.http().post(`/api/outbox/${later.body.id}/cancel`).set(bearer(pom.token)).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await t.http().post(`/api/outbox/${later.body.id}/cancel`).set(bearer(pom.token)).expect(409);
    expect(again.body).toMatchObject({ code: ErrorCode.OUTBOX_ALREADY_STARTED, message: expect.stringContaining('cancelled') });

    const moved = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    const sooner = await t
      .http()
      .patch(`/api/outbox/${moved.body.id}`)
      .set(bearer(pom.token))
      .send({ sendAt: utcIn(1500), timeZone: 'UTC' })
      .expect(200);
    expect(sooner.body.status).toBe('scheduled');
    expect((await settled(pom.get, moved.body.id)).status).toBe('sent');
    expect(pom.peer.received).toHaveLength(1);
    const late = await t
      .http()
      .patch(`/api/outbox/${moved.body.id}`)
      .set(bearer(pom.token))
      .send({ sendAt: utcIn(3_600_000), timeZone: 'UTC' })
      .expect(409);
    expect(late.body.code).toBe(ErrorCode.OUTBOX_ALREADY_STARTED);
  });

  it.each([
    ['a time that has passed', { sendAt: utcIn(-60_000) }, ErrorCode.SEND_AT_INVALID],
    ['more than a year ahead', { sendAt: utcIn(400 * 86_400_000) }, ErrorCode.SEND_AT_INVALID],
    ['a day that does not exist', { sendAt: '2027-02-30T09:00' }, ErrorCode.SEND_AT_INVALID],
    ['an offset instead of a local time', { sendAt: '2027-01-05T09:00+07:00' }, ErrorCode.VALIDATION_FAILED],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, ErrorCode.TIME_ZONE_INVALID],
  ])('refuses %s with a 400 and queues nothing', async (_name, body, code) => {
    const pom = await salesperson();
    const response = await pom.schedule(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
    const mine = await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200);
    expect(mine.body.total).toBe(0);
  });

  it('shows a send only to who scheduled it, whose mailbox it uses, and admins', async () => {
    const pom = await salesperson();
    const keith = await salesperson();
    const scheduled = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    const notYours = await t.http().post(`/api/outbox/${scheduled.body.id}/cancel`).set(bearer(keith.token));
    expect(notYours.status).toBe(404);
    expect(notYours.body.code).toBe(ErrorCode.OUTBOX_NOT_FOUND);
    const everyone = await t.http().get('/api/outbox').query({ scope: 'all' }).set(bearer(keith.token));
    expect(everyone.status).toBe(403);
    const asAdmin = await t.http().get('/api/outbox').query({ scope: 'all', status: 'scheduled' }).set(bearer(admin.token)).expect(200);
    expect(asAdmin.body.items.map((row: ScheduledSendDto) => row.id)).toContain(scheduled.body.id);
    // another salesperson cannot schedule a document they may not write
    const foreign = await t
      .http()
      .post(`/api/quotes/${pom.quoteId}/schedule`)
      .set(bearer(keith.token))
      .send({ recipients: ['x@customer.example'], subject: 'x', body: 'x', sendAt: utcIn(60_000), timeZone: 'UTC' });
    expect(foreign.status).toBe(404);
  });

  it.each([
    { reply: 451, message: '4.7.0 Try again later' },
    { reply: 452, message: '4.5.3 Sending quota exceeded, try again later' },
  ])('a provider\'s "not now" ($reply $message at RCPT) is retried and sent once', async ({ reply, message }) => {
    const busy = await salesperson({ failRcptWith: { responseCode: reply, message }, failRcptTimes: 1 });
    const scheduled = await busy.schedule().expect(201);
    const sent = await settled(busy.get, scheduled.body.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(busy.peer.received).toHaveLength(1);
  });

  it('gives a send whose job is gone (its retries ran out while the database was down) a new job, and sends it once', async () => {
    const pom = await salesperson();
    const scheduled = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    const db = t.app.get(DataSource);
    await db.query(`UPDATE pgboss.job SET state = 'failed' WHERE data ->> 'scheduledSendId' = $1`, [scheduled.body.id]);
    await db.query(`UPDATE scheduled_sends SET send_at = now(), updated_at = now() - interval '2 minutes' WHERE id = $1`, [scheduled.body.id]);
    const worker = t.app.get(OutboxWorker);
    expect(await worker.requeueOrphans()).toEqual([scheduled.body.id]);
    expect(await worker.requeueOrphans()).toEqual([]);
    expect(await settled(pom.get, scheduled.body.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(pom.peer.received).toHaveLength(1);
  });

  it('sends once when two workers take the same send at once (a job run twice)', async () => {
    const pom = await salesperson({ beforeAccepting: () => new Promise((resolve) => setTimeout(resolve, 300)) });
    const scheduled = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    await t.app.get(DataSource).query(`UPDATE scheduled_sends SET send_at = now() WHERE id = $1`, [scheduled.body.id]);
    const worker = t.app.get(OutboxWorker);
    await Promise.all([worker.deliver(scheduled.body.id), worker.deliver(scheduled.body.id)]);
    expect(await pom.get(scheduled.body.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(pom.peer.received).toHaveLength(1);
  });

  it('a send scheduled with an API key is audited under that key; revoking the key stops what it scheduled', async () => {
    const pom = await salesperson();
    const key = (await t.http().post('/api/users/me/api-keys').set(bearer(pom.token)).send({ name: 'Billing robot' }).expect(201)).body as {
      id: string;
      secret: string;
    };
    const withKey = (sendAt: string) =>
      t
        .http()
        .post(`/api/quotes/${pom.quoteId}/schedule`)
        .set(bearer(key.secret))
        .send({ recipients: ['buyer@customer.example'], subject: `By key ${randomUUID().slice(0, 8)}`, body: 'Good morning.', sendAt, timeZone: 'UTC' })
        .expect(201);
    const soon = await withKey(utcIn(1500));
    expect(soon.body.apiKey).toBe('Billing robot');
    const sent = await settled(pom.get, soon.body.id);
    expect(sent.status).toBe('sent');
    const history = await t.http().get(`/api/quotes/${pom.quoteId}/emails`).set(bearer(pom.token)).expect(200);
    expect(history.body.find((email: { id: string }) => email.id === sent.emailId)).toMatchObject({ apiKey: 'Billing robot', actor: { id: pom.user.id } });

    const later = await withKey(utcIn(3_600_000));
    await t.http().delete(`/api/users/me/api-keys/${key.id}`).set(bearer(pom.token)).expect(204);
    // due now, and its mailbox's next slot has come (the pace is not what this is about)
    await t.app.get(DataSource).query(`UPDATE scheduled_sends SET send_at = now() WHERE id = $1`, [later.body.id]);
    await t.app.get(DataSource).query(`UPDATE send_pace SET next_at = now()`);
    await t.app.get(OutboxWorker).deliver(later.body.id);
    expect(await pom.get(later.body.id)).toMatchObject({ status: 'failed', emailId: null, error: { code: ErrorCode.AUTH_INVALID_API_KEY } });
    expect(pom.peer.received).toHaveLength(1);
  });

  it('goes out the way it was scheduled or not at all: a mailbox removed or replaced since fails it (MAILBOX_CHANGED), a new password does not', async () => {
    const mailboxSettings = (peer: SmtpPeer, extra: object = {}) => ({
      provider: 'custom',
      host: '127.0.0.1',
      port: peer.port,
      security: 'none',
      password: APP_PASSWORD,
      ...extra,
    });
    const removed = await salesperson();
    const replaced = await salesperson();
    const repassworded = await salesperson();
    const [first, second, third] = await Promise.all(
      [removed, replaced, repassworded].map(async (who) => (await who.schedule({ sendAt: utcIn(2500) }).expect(201)).body as ScheduledSendDto),
    );

    await t.http().delete('/api/users/me/smtp').set(bearer(removed.token)).expect(204);
    await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(replaced.token))
      .send(mailboxSettings(replaced.peer, { username: 'another.account@peer.example' }))
      .expect(200);
    await t.http().put('/api/users/me/smtp').set(bearer(repassworded.token)).send(mailboxSettings(repassworded.peer)).expect(200);

    const [gone, other, same] = await Promise.all([settled(removed.get, first.id), settled(replaced.get, second.id), settled(repassworded.get, third.id)]);
    expect(gone).toMatchObject({
      status: 'failed',
      error: {
        code: ErrorCode.MAILBOX_CHANGED,
        message: expect.stringContaining(`${removed.user.name}'s mailbox was removed after this was scheduled: nothing was sent`),
      },
    });
    expect(other).toMatchObject({ status: 'failed', error: { code: ErrorCode.MAILBOX_CHANGED, message: expect.stringContaining('was replaced') } });
    expect(same.status).toBe('sent');
    expect([removed.peer.received.length, replaced.peer.received.length, repassworded.peer.received.length]).toEqual([0, 0, 1]);
    // and not through the company account either
    const [{ caught }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS caught FROM dev_mail_messages WHERE subject = $1`, [gone.subject]);
    expect(caught).toBe(0);
  });

  it('one document, one pending send: sending now or scheduling again asks what to do with the send still scheduled', async () => {
    const pom = await salesperson();
    // an hour from now, as a Bangkok clock (UTC+7) reads it
    const later = (await pom.schedule({ sendAt: utcIn(8 * 3_600_000), timeZone: 'Asia/Bangkok' }).expect(201)).body as ScheduledSendDto;
    const sendNow = (extra: object = {}) =>
      t
        .http()
        .post(`/api/quotes/${pom.quoteId}/send`)
        .set(bearer(pom.token))
        .send({ recipients: ['buyer@customer.example'], subject: 'Now', body: 'Hello', attachPdf: false, ...extra });

    const draft = await t.http().get(`/api/quotes/${pom.quoteId}/email-draft`).set(bearer(pom.token)).expect(200);
    expect(draft.body.pendingSends).toEqual([
      { id: later.id, sendAt: later.sendAt, timeZone: 'Asia/Bangkok', subject: later.subject, sender: { id: pom.user.id, name: pom.user.name } },
    ]);

    const asked = await sendNow();
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ code: ErrorCode.SCHEDULED_SEND_PENDING, details: { pending: [{ id: later.id }] } });
    expect(asked.body.message).toContain('(Asia/Bangkok)');
    expect(asked.body.message).toContain('Nothing was sent');
    const again = await pom.schedule({ sendAt: utcIn(7_200_000) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(ErrorCode.SCHEDULED_SEND_PENDING);
    expect(pom.peer.received).toHaveLength(0);

    await sendNow({ pendingSends: 'keep' }).expect(201);
    expect((await pom.get(later.id)).status).toBe('scheduled');
    await sendNow({ pendingSends: 'cancel' }).expect(201);
    expect((await pom.get(later.id)).status).toBe('cancelled');
    expect(pom.peer.received).toHaveLength(2);
    // with nothing pending, no question
    await sendNow().expect(201);
    const scheduledAgain = await pom.schedule({ sendAt: utcIn(3_600_000) }).expect(201);
    await t.http().post(`/api/outbox/${scheduledAgain.body.id}/cancel`).set(bearer(pom.token)).expect(200);
  });

  it('a refusal (550 at RCPT) fails at once and is not retried', async () => {
    const refused = await salesperson({ failRcptWith: { responseCode: 550, message: '5.1.1 No such user' } });
    const scheduled = await refused.schedule().expect(201);
    const failed = await settled(refused.get, scheduled.body.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: ErrorCode.SMTP_RECIPIENT_REJECTED }, emailId: expect.any(String) });
    // nothing is left to try it again: once its job is completed, no job of the queue names it (a retry would)
    const live = async () => (await t.app.get(DataSource).query(`SELECT ${LIVE_JOB_FOR('$1')} AS live`, [scheduled.body.id]))[0].live as boolean;
    const deadline = Date.now() + 10_000;
    while ((await live()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await live()).toBe(false);
    expect((await refused.get(scheduled.body.id)).attempts).toBe(1);
    expect(refused.peer.received).toHaveLength(0);
  });

  describe('send many', () => {
    /**
     * A salesperson with a mailbox at an SMTP peer (paced to 120 a minute), and `count` draft quotes of a customer
     * (with a primary contact unless `withoutContact`).
     */
    async function run(
      count: number,
      {
        withoutContact = false,
        dailyLimit,
        sendsPerMinute = 120,
        peer,
      }: { withoutContact?: boolean; dailyLimit?: number; sendsPerMinute?: number; peer?: SmtpPeerOptions } = {},
    ) {
      const who = await salesperson(peer);
      await t
        .http()
        .put('/api/users/me/smtp')
        .set(bearer(who.token))
        .send({ provider: 'custom', sendsPerMinute, ...(dailyLimit ? { dailyLimit } : {}) })
        .expect(200);
      const company = await t
        .http()
        .post('/api/companies')
        .set(bearer(admin.token))
        .send({ name: `Bulk ${randomUUID().slice(0, 6)}`, country: 'TH', accountManagerId: who.user.id })
        .expect(201);
      if (!withoutContact) {
        await t
          .http()
          .post(`/api/companies/${company.body.id}/contacts`)
          .set(bearer(admin.token))
          .send({ name: 'Napa Sukjai', email: 'napa@lumpini.example', isPrimary: true })
          .expect(201);
      }
      const ids: string[] = [];
      for (let n = 0; n < count; n++) {
        const quote = await t
          .http()
          .post('/api/quotes')
          .set(bearer(who.token))
          .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: `Licence ${n}`, quantity: 1, unitPrice: '10.00', taxRate: 7 }] })
          .expect(201);
        ids.push(quote.body.id);
      }
      const bulk = (body: object = {}) =>
        t
          .http()
          .post('/api/outbox/bulk')
          .set(bearer(who.token))
          .send({ documentType: 'quote', documentIds: ids, ...body });
      const get = async (id: string) => (await t.http().get(`/api/outbox/bulk/${id}`).set(bearer(who.token)).expect(200)).body as BulkSendDto;
      return { ...who, ids, bulk, getBulk: get };
    }

    async function finished(get: (id: string) => Promise<BulkSendDto>, id: string): Promise<BulkSendDto> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const bulk = await get(id);
        if (!bulk.counts.scheduled && !bulk.counts.sending) return bulk;
        if (Date.now() > deadline) throw new Error(`Bulk send still running: ${JSON.stringify(bulk.counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('sends each of three quotes to its primary contact with its template, once, and gives the outcome as CSV', async () => {
      const pom = await run(3);
      const created = await pom.bulk().expect(201);
      expect(created.body).toMatchObject({ documentType: 'quote', sender: 'me', total: 3, counts: expect.objectContaining({ scheduled: 3 }) });
      const done = await finished(pom.getBulk, created.body.id);
      expect(done.counts).toMatchObject({ sent: 3, failed: 0, unknown: 0 });
      expect(pom.peer.received).toHaveLength(3);
      for (const mail of pom.peer.received) expect(mail.to).toEqual(['napa@lumpini.example']);
      const numbers = done.items.map((item) => item.documentNumber);
      const subjects = await Promise.all(pom.peer.received.map(async (mail) => (await simpleParser(mail.raw)).subject));
      for (const number of numbers) expect(subjects.some((subject) => subject?.includes(number))).toBe(true);

      // read in Bangkok: the times carry Bangkok's offset, for a spreadsheet there
      await t.http().patch('/api/users/me').set(bearer(pom.token)).send({ timeZone: 'Asia/Bangkok' }).expect(200);
      const csv = await t.http().get(`/api/outbox/bulk/${created.body.id}/outcome.csv`).set(bearer(pom.token)).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('document,to,status,send at,email id,error code,error');
      expect(lines.slice(1).map((line) => line.split(',')[2])).toEqual(['sent', 'sent', 'sent']);
      expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual(Array(3).fill(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/)));
    });

    it('a provider\'s "try again later" during a run is retried and each quote is sent once; a refusal is not retried', async () => {
      const busy = await run(3, { peer: { failRcptWith: { responseCode: 451, message: '4.7.0 Try again later' }, failRcptTimes: 1 } });
      const done = await finished(busy.getBulk, (await busy.bulk().expect(201)).body.id);
      expect(done.counts).toMatchObject({ sent: 3, failed: 0, unknown: 0 });
      expect(done.items.map((item) => item.attempts).sort()).toEqual([1, 1, 2]);
      expect(busy.peer.received).toHaveLength(3);
      const subjects = await Promise.all(busy.peer.received.map(async (mail) => (await simpleParser(mail.raw)).subject));
      expect(new Set(subjects).size).toBe(3);

      const refused = await run(2, { peer: { failRcptWith: { responseCode: 550, message: '5.1.1 No such user' } } });
      const failed = await finished(refused.getBulk, (await refused.bulk().expect(201)).body.id);
      expect(failed.counts).toMatchObject({ sent: 0, failed: 2 });
      expect(failed.items.map((item) => [item.attempts, item.error?.code])).toEqual([
        [1, ErrorCode.SMTP_RECIPIENT_REJECTED],
        [1, ErrorCode.SMTP_RECIPIENT_REJECTED],
      ]);
      expect(refused.peer.received).toHaveLength(0);
    });

    it("paces a run to the mailbox's messages a minute, and a second run continues after the first", async () => {
      const pom = await run(5, { sendsPerMinute: 30 });
      const gaps = (items: BulkSendDto['items']) => items.slice(1).map((item, n) => Date.parse(item.sendAt) - Date.parse(items[n].sendAt));
      const first = await pom.bulk({ documentIds: pom.ids.slice(0, 3) }).expect(201);
      expect(gaps(first.body.items)).toEqual([2000, 2000]);
      const second = await pom.bulk({ documentIds: pom.ids.slice(3) }).expect(201);
      expect(Date.parse(second.body.items[0].sendAt) - Date.parse(first.body.items[2].sendAt)).toBe(2000);
      expect(gaps(second.body.items)).toEqual([2000]);
      await t.http().post(`/api/outbox/bulk/${first.body.id}/cancel`).set(bearer(pom.token)).expect(200);
      await t.http().post(`/api/outbox/bulk/${second.body.id}/cancel`).set(bearer(pom.token)).expect(200);
      const again = await t.http().post(`/api/outbox/bulk/${second.body.id}/cancel`).set(bearer(pom.token));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: ErrorCode.OUTBOX_ALREADY_STARTED, message: expect.stringContaining('Nothing is left to cancel') });

      const mailbox = await t.http().get('/api/users/me/smtp').set(bearer(pom.token)).expect(200);
      expect(mailbox.body.sendsPerMinute).toBe(30);
      const tooFast = await t.http().put('/api/users/me/smtp').set(bearer(pom.token)).send({ provider: 'custom', sendsPerMinute: 601 });
      expect(tooFast.status).toBe(400);
      expect(tooFast.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    });

    it("keeps the mailbox's pace in the worker: sends scheduled for the same second, and a retry inside a run, go at least one pace apart", async () => {
      const arrivalGaps = (peer: SmtpPeer) => peer.received.slice(1).map((mail, n) => mail.at - peer.received[n].at);
      const pom = await run(2, { sendsPerMinute: 30 }); // one send every 2 s
      const sendAt = utcIn(1500);
      const later = [];
      for (const id of pom.ids) {
        later.push(
          (
            await t
              .http()
              .post(`/api/quotes/${id}/schedule`)
              .set(bearer(pom.token))
              .send({ recipients: ['napa@lumpini.example'], subject: 'Same second', body: 'Hello', sendAt, timeZone: 'UTC' })
              .expect(201)
          ).body.id,
        );
      }
      for (const id of later) expect((await settled(pom.get, id)).status).toBe('sent');
      expect(arrivalGaps(pom.peer)[0]).toBeGreaterThanOrEqual(1700);
      expect((await pom.get(later[0])).attempts + (await pom.get(later[1])).attempts).toBe(2); // waiting for the slot costs no attempt

      const busy = await run(3, { sendsPerMinute: 30, peer: { failRcptWith: { responseCode: 451, message: '4.7.0 Try again later' }, failRcptTimes: 1 } });
      const done = await finished(busy.getBulk, (await busy.bulk().expect(201)).body.id);
      expect(done.counts).toMatchObject({ sent: 3 });
      // the first send's retry (1 s later) waits for the slot instead of going between two planned sends
      for (const gap of arrivalGaps(busy.peer)) expect(gap).toBeGreaterThanOrEqual(1700);
    });

    it('is not held behind a send scheduled months away: only what the mailbox has due in the next 24 hours comes first', async () => {
      const pom = await run(3, { sendsPerMinute: 30 });
      const farAway = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 16);
      const later = await t
        .http()
        .post(`/api/quotes/${pom.ids[0]}/schedule`)
        .set(bearer(pom.token))
        .send({ recipients: ['napa@lumpini.example'], subject: 'Next year', body: 'Hello', attachPdf: false, sendAt: farAway, timeZone: 'UTC' });
      expect(later.status).toBe(201);
      const queued = await pom.bulk({ documentIds: pom.ids.slice(1) }).expect(201);
      expect(Date.parse(queued.body.items[0].sendAt) - Date.now()).toBeLessThan(60_000);
      await t.http().post(`/api/outbox/bulk/${queued.body.id}/cancel`).set(bearer(pom.token)).expect(200);
      await t.http().post(`/api/outbox/${later.body.id}/cancel`).set(bearer(pom.token)).expect(200);
    });

    it("sends every draft quote the salesperson may send when asked by status, and none of anyone else's", async () => {
      const pom = await run(2);
      const keith = await run(1);
      // the quote every salesperson here starts with has no contact: it is sent already
      await t.http().patch(`/api/quotes/${pom.quoteId}`).set(bearer(pom.token)).send({ status: 'sent' }).expect(200);
      const created = await pom.bulk({ documentIds: undefined, status: 'draft' }).expect(201);
      expect(created.body.items.map((item: ScheduledSendDto) => item.documentId).sort()).toEqual([...pom.ids].sort());
      expect((await finished(pom.getBulk, created.body.id)).counts.sent).toBe(2);
      expect(keith.peer.received).toHaveLength(0);

      const none = await pom.bulk({ documentIds: undefined, status: 'accepted' });
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, message: expect.stringContaining('no accepted quotes') });
      const both = await pom.bulk({ status: 'draft' });
      expect(both.status).toBe(400);
    });

    it('shows before it sends: per document the contacts, the mailbox and when it was sent before; a document sent before goes only when asked', async () => {
      const pom = await run(3);
      const [sentBefore, ...fresh] = pom.ids;
      await t
        .http()
        .post(`/api/quotes/${sentBefore}/send`)
        .set(bearer(pom.token))
        .send({ recipients: ['napa@lumpini.example'], subject: 'First', body: 'Hello', attachPdf: false })
        .expect(201);
      const preview = await t.http().post('/api/outbox/bulk/preview').set(bearer(pom.token)).send({ documentType: 'quote', documentIds: pom.ids }).expect(200);
      const body = preview.body as BulkSendPreview;
      expect(body.alreadySent).toBe(1);
      expect(body.items).toHaveLength(3);
      for (const item of body.items) {
        expect(item).toMatchObject({ to: ['napa@lumpini.example'], from: { email: pom.user.email, via: 'user' }, problem: null });
        expect(item.lastSentAt === null).toBe(item.documentId !== sentBefore);
      }
      expect((await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200)).body.total).toBe(0);

      const unasked = await pom.bulk();
      expect(unasked.status).toBe(409);
      expect(unasked.body).toMatchObject({ code: ErrorCode.BULK_ALREADY_SENT, details: { documents: [{ id: sentBefore, lastSentAt: expect.any(String) }] } });
      expect(unasked.body.message).toContain('sent before');
      expect((await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200)).body.total).toBe(0);

      const skipped = await pom.bulk({ alreadySent: 'skip' }).expect(201);
      expect(skipped.body.items.map((item: ScheduledSendDto) => item.documentId).sort()).toEqual([...fresh].sort());
      await finished(pom.getBulk, skipped.body.id);
      expect(pom.peer.received).toHaveLength(3); // the first send, then the two others: the one sent before not again

      const nothingLeft = await pom.bulk({ documentIds: [sentBefore], alreadySent: 'skip' });
      expect(nothingLeft.status).toBe(400);
      expect(nothingLeft.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [{ field: 'alreadySent' }] });
      const again = await pom.bulk({ documentIds: [sentBefore], alreadySent: 'include' }).expect(201);
      await finished(pom.getBulk, again.body.id);
      expect(pom.peer.received).toHaveLength(4);
    });

    it('counts a send that may have been delivered (unknown) as sent before', async () => {
      const pom = await run(1);
      const first = await t
        .http()
        .post(`/api/quotes/${pom.ids[0]}/send`)
        .set(bearer(pom.token))
        .send({ recipients: ['napa@lumpini.example'], subject: 'First', body: 'Hello', attachPdf: false })
        .expect(201);
      // as the stale-send sweep leaves a send whose connection broke after the final dot
      await t.app.get(DataSource).query(`UPDATE email_messages SET status = 'unknown' WHERE id = $1`, [first.body.emailId]);
      const unasked = await pom.bulk();
      expect(unasked.status).toBe(409);
      expect(unasked.body.code).toBe(ErrorCode.BULK_ALREADY_SENT);
    });

    it('previews what would stop a document (no contact) instead of refusing the whole preview', async () => {
      const pom = await run(1, { withoutContact: true });
      const preview = await t.http().post('/api/outbox/bulk/preview').set(bearer(pom.token)).send({ documentType: 'quote', documentIds: pom.ids }).expect(200);
      expect(preview.body.items).toEqual([
        expect.objectContaining({ to: [], problem: { code: ErrorCode.BULK_NO_RECIPIENTS, message: expect.stringContaining('no primary or billing contact') } }),
      ]);
      const owner = await t
        .http()
        .post('/api/outbox/bulk/preview')
        .set(bearer(pom.token))
        .send({ documentType: 'quote', documentIds: pom.ids, sender: 'owner' });
      expect(owner.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
    });

    it('cancels the rest of a run; what started finishes', async () => {
      const pom = await run(3);
      const created = await pom.bulk().expect(201);
      const cancelled = await t.http().post(`/api/outbox/bulk/${created.body.id}/cancel`).set(bearer(pom.token)).expect(200);
      expect(cancelled.body.counts.cancelled).toBeGreaterThanOrEqual(2);
      const done = await finished(pom.getBulk, created.body.id);
      expect(done.counts.sent + done.counts.cancelled).toBe(3);
      expect(pom.peer.received).toHaveLength(done.counts.sent);
    });

    it.each([
      ['a document without a contact to send to', { withoutContact: true }, {}, 400, ErrorCode.BULK_NO_RECIPIENTS],
      ['more than the mailbox may send today', { dailyLimit: 2 }, {}, 400, ErrorCode.BULK_OVER_DAILY_LIMIT],
      ["each owner's mailbox, asked by a salesperson", {}, { sender: 'owner' }, 403, ErrorCode.FORBIDDEN_ROLE],
      ['more than 1,000 documents', {}, { documentIds: Array.from({ length: 1001 }, () => randomUUID()) }, 400, ErrorCode.VALIDATION_FAILED],
    ])('refuses %s, queueing nothing', async (_name, setup, body, status, code) => {
      const pom = await run(3, setup);
      const response = await pom.bulk(body);
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
      const mine = await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200);
      expect(mine.body.total).toBe(0);
    });

    it('counts what the mailbox already has queued against what it may still send today', async () => {
      const pom = await run(5, { dailyLimit: 4, sendsPerMinute: 1 });
      const first = await pom.bulk({ documentIds: pom.ids.slice(0, 3) }).expect(201);
      const over = await pom.bulk({ documentIds: pom.ids.slice(3) });
      expect(over.status).toBe(400);
      // the run's first send may be going out meanwhile: it then counts as sent instead of queued
      expect(over.body).toMatchObject({
        code: ErrorCode.BULK_OVER_DAILY_LIMIT,
        message: expect.stringMatching(/after the [23] already queued, and this would be 2/),
      });
      expect((await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200)).body.total).toBe(3);
      await t.http().post(`/api/outbox/bulk/${first.body.id}/cancel`).set(bearer(pom.token)).expect(200);
    });

    it("refuses a document the salesperson may not send (someone else's), queueing nothing", async () => {
      const pom = await run(1);
      const keith = await run(1);
      const response = await pom.bulk({ documentIds: [...pom.ids, ...keith.ids] });
      expect(response.status).toBe(404);
      expect((await t.http().get('/api/outbox').set(bearer(pom.token)).expect(200)).body.total).toBe(0);
    });
  });
});
