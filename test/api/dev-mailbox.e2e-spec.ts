import { createTransport } from 'nodemailer';
import { ErrorCode } from '@sendas/contracts';
import { DevMailCatcher } from '../../apps/api/src/email/dev-mailbox/dev-mail-catcher';
import { DemoData } from '../../apps/api/src/demo/demo-data';
import { DEMO_MAILBOXES } from '../../apps/api/src/demo/demo-users.seed';
import { binary } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';

const DEMO_PASSWORD = 'demo-password-1';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('Dev mail catcher and demo mailboxes (e2e)', () => {
  let t: TestApp;
  let catcherPort: number;

  beforeAll(async () => {
    t = await createTestApp();
    catcherPort = t.app.get(DevMailCatcher).port!;
    await t.app.get(DemoData).seed(DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  it('gives Pom and Nikki their own mailboxes at the catcher, which pass the connection test; Keith has none', async () => {
    for (const email of ['pom@bmasiamusic.com', 'nikki.h@bmasiamusic.com']) {
      const { accessToken } = await t.login(email, DEMO_PASSWORD);
      const mine = await t.http().get('/api/users/me/smtp').set(bearer(accessToken)).expect(200);
      expect(mine.body).toMatchObject({ fromEmail: email, host: '127.0.0.1', port: catcherPort, hasPassword: true });
      const verified = await t.http().post('/api/users/me/smtp/verify').set(bearer(accessToken)).expect(200);
      expect(verified.body).toMatchObject({ ok: true });
    }
    const keith = await t.login('keith@bmasiamusic.com', DEMO_PASSWORD);
    const none = await t.http().get('/api/users/me/smtp').set(bearer(keith.accessToken));
    expect(none.body.code).toBe(ErrorCode.SMTP_NOT_CONFIGURED);
  });

  it('rejects a wrong app password with 535 5.7.8, like Gmail, mapped to SMTP_AUTH_FAILED', async () => {
    const keith = await t.login('keith@bmasiamusic.com', DEMO_PASSWORD);
    const settings = { provider: 'custom', host: '127.0.0.1', port: catcherPort, security: 'none' };
    const wrong = await t
      .http()
      .post('/api/users/me/smtp/verify')
      .set(bearer(keith.accessToken))
      .send({ ...settings, password: 'not the app password' });
    expect(wrong.body).toMatchObject({ ok: false, code: ErrorCode.SMTP_AUTH_FAILED });
    const keithMailbox = DEMO_MAILBOXES.find((m) => m.email === 'keith@bmasiamusic.com')!;
    const right = await t
      .http()
      .post('/api/users/me/smtp/verify')
      .set(bearer(keith.accessToken))
      .send({ ...settings, password: keithMailbox.appPassword });
    expect(right.body).toMatchObject({ ok: true });
  });

  it("prints Keith's demo mailbox as not set up until he sets it up, then without the note", async () => {
    const keithLine = async () =>
      (await t.app.get(DemoData).describe(DEMO_PASSWORD)).find((line) => line.includes('keith@bmasiamusic.com') && line.includes('"'))!;
    expect(await keithLine()).toContain('(not set up yet)');
    expect((await t.app.get(DemoData).describe(DEMO_PASSWORD)).find((line) => line.includes('pom@bmasiamusic.com') && line.includes('"'))).not.toContain(
      'not set up',
    );

    const keith = await t.login('keith@bmasiamusic.com', DEMO_PASSWORD);
    const keithMailbox = DEMO_MAILBOXES.find((m) => m.email === 'keith@bmasiamusic.com')!;
    await t
      .http()
      .put('/api/users/me/smtp')
      .set(bearer(keith.accessToken))
      .send({ provider: 'custom', host: '127.0.0.1', port: catcherPort, security: 'none', password: keithMailbox.appPassword })
      .expect(200);
    expect(await keithLine()).not.toContain('not set up');
    await t.http().delete('/api/users/me/smtp').set(bearer(keith.accessToken));
  });

  it('keeps what it receives for the Dev mailbox: sender account, recipients, bodies and attachments', async () => {
    const pom = DEMO_MAILBOXES[0];
    const transport = createTransport({
      host: '127.0.0.1',
      port: catcherPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: pom.email, pass: pom.appPassword },
    });
    const subject = `Quote Q-2026-0001 ${Date.now()}`;
    await transport.sendMail({
      from: '"Pom" <pom@bmasiamusic.com>',
      to: 'buyer@customer.example',
      cc: 'accounts@customer.example',
      bcc: 'pom.archive@bmasiamusic.com',
      replyTo: 'pom@bmasiamusic.com',
      subject,
      text: 'Hello Somchai,\nplease find the quote attached.',
      html: '<p>Hello Somchai,</p><p>please find the quote attached.</p>',
      attachments: [{ filename: 'Quote-Q-2026-0001.pdf', content: Buffer.from('%PDF-1.7 test'), contentType: 'application/pdf' }],
    });
    transport.close();

    // someone else sees nothing of it, not even by id
    const stranger = await t.login((await t.createUser('sales')).email);
    const hidden = await t.http().get('/api/dev/mailbox').query({ q: subject }).set(bearer(stranger.accessToken)).expect(200);
    expect(hidden.body.total).toBe(0);
    const admin = await t.login((await t.createUser('admin')).email);
    const adminList = await t.http().get('/api/dev/mailbox').query({ q: subject }).set(bearer(admin.accessToken)).expect(200);
    expect(adminList.body.total).toBe(1);
    const strangerDetail = await t.http().get(`/api/dev/mailbox/${adminList.body.items[0].id}`).set(bearer(stranger.accessToken));
    expect(strangerDetail.status).toBe(404);
    expect(strangerDetail.body.code).toBe(ErrorCode.DEV_MAIL_NOT_FOUND);

    const { accessToken } = await t.login(pom.email, DEMO_PASSWORD);
    const list = await t.http().get('/api/dev/mailbox').query({ q: subject }).set(bearer(accessToken)).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      authUser: 'pom@bmasiamusic.com',
      from: '"Pom" <pom@bmasiamusic.com>',
      to: ['buyer@customer.example'],
      subject,
    });

    const detail = await t.http().get(`/api/dev/mailbox/${list.body.items[0].id}`).set(bearer(accessToken)).expect(200);
    // the To line is what the customer sees; the blind copy shows apart, to the sender
    expect(detail.body).toMatchObject({ to: ['buyer@customer.example'], cc: ['accounts@customer.example'], bcc: ['pom.archive@bmasiamusic.com'] });
    expect(detail.body.replyTo).toContain('pom@bmasiamusic.com');
    expect(detail.body.text).toContain('Hello Somchai');
    expect(detail.body.html).toContain('<p>Hello Somchai,</p>');
    expect(detail.body.attachments).toEqual([{ index: 0, filename: 'Quote-Q-2026-0001.pdf', contentType: 'application/pdf', size: 13 }]);
    expect(detail.body.headers.find((h: { name: string }) => h.name === 'subject').value).toBe(subject);

    const file = await binary(t.http().get(`/api/dev/mailbox/${list.body.items[0].id}/attachments/0`).set(bearer(accessToken))).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((file.body as Buffer).toString()).toBe('%PDF-1.7 test');
  });

  it('is off when a real SMTP server is configured', async () => {
    const real = await createTestApp({ SMTP_URL: 'smtp://user:pass@127.0.0.1:1' });
    try {
      const user = await real.createUser('sales');
      const { accessToken } = await real.login(user.email);
      const response = await real.http().get('/api/dev/mailbox').set(bearer(accessToken));
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(ErrorCode.DEV_MAILBOX_DISABLED);
      const health = await real.http().get('/api/health');
      expect(health.body.mail).toEqual({ status: 'down', transport: 'smtp' }); // up or down only: the why is in the log
      expect(JSON.stringify(health.body)).not.toContain('pass');
    } finally {
      await real.close();
    }
  });
});
