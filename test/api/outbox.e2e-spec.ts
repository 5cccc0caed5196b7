import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { ErrorCode, type ScheduledSendDto } from '@sendas/contracts';
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
    const company = await t.http().post('/api/companies').set(bearer(admin.token)).send({ name: `Later ${randomUUID().slice(0, 6)}`, country: 'TH', accountManagerId: user.id }).expect(201);
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
        .send({ recipients: ['buyer@customer.example'], subject: `Later ${randomUUID().slice(0, 8)}`, body: 'Good morning.', sendAt: utcIn(1500), timeZone: 'UTC', ...body });
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
    expect(scheduled.body).toMatchObject({ status: 'scheduled', timeZone: 'UTC', to: ['buyer@customer.example'], subject: 'Your quote, as promised', attempts: 0, emailId: null });
    const history = await t.http().get(`/api/quotes/${pom.quoteId}/scheduled`).set(bearer(pom.token)).expect(200);
    expect(history.body.map((row: ScheduledSendDto) => row.id)).toEqual([scheduled.body.id]);

    // The quote changes after it was approved: the customer still gets what was approved.
    await t.http().patch(`/api/quotes/${pom.quoteId}`).set(bearer(pom.token)).send({ lines: [{ description: 'Licence', quantity: 9, unitPrice: '10.00', taxRate: 7 }] }).expect(200);
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

  it('takes the time in the sender\'s time zone', async () => {
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
    const sooner = await t.http().patch(`/api/outbox/${moved.body.id}`).set(bearer(pom.token)).send({ sendAt: utcIn(1500), timeZone: 'UTC' }).expect(200);
    expect(sooner.body.status).toBe('scheduled');
    expect((await settled(pom.get, moved.body.id)).status).toBe('sent');
    expect(pom.peer.received).toHaveLength(1);
    const late = await t.http().patch(`/api/outbox/${moved.body.id}`).set(bearer(pom.token)).send({ sendAt: utcIn(3_600_000), timeZone: 'UTC' }).expect(409);
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

  it('a provider\'s "try again later" (451 at RCPT) is retried and sent once', async () => {
    const busy = await salesperson({ failRcptWith: { responseCode: 451, message: '4.7.0 Try again later' }, failRcptTimes: 1 });
    const scheduled = await busy.schedule().expect(201);
    const sent = await settled(busy.get, scheduled.body.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
    expect(busy.peer.received).toHaveLength(1);
  });

  it('a refusal (550 at RCPT) fails at once and is not retried', async () => {
    const refused = await salesperson({ failRcptWith: { responseCode: 550, message: '5.1.1 No such user' } });
    const scheduled = await refused.schedule().expect(201);
    const failed = await settled(refused.get, scheduled.body.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: ErrorCode.SMTP_RECIPIENT_REJECTED }, emailId: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await refused.get(scheduled.body.id)).attempts).toBe(1);
    expect(refused.peer.received).toHaveLength(0);
  });
});
