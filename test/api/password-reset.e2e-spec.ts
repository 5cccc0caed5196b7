import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type DevMailDetail, type DevMailPage, ErrorCode } from '@sendas/contracts';
import { PasswordResets } from '../../apps/api/src/auth/password-resets.service';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const NEW_PASSWORD = 'a-brand-new-passphrase';

describe('Forgot password (e2e)', () => {
  let t: TestApp;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp({ APP_URL: 'https://sendas.example.com' });
    reader = (await t.login((await t.createUser('superuser')).email)).accessToken;
  });
  afterAll(() => t.close());

  /** The reset mails that reached the dev mail catcher for `email`, newest first (the mail goes out after the answer). */
  const resetMails = async (email: string, atLeast = 1): Promise<DevMailDetail[]> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const page = (await t.http().get('/api/dev/mailbox').query({ q: email }).set(bearer(reader)).expect(200)).body as DevMailPage;
      if (page.items.length >= atLeast) {
        return Promise.all(
          page.items.map(async ({ id }) => (await t.http().get(`/api/dev/mailbox/${id}`).set(bearer(reader)).expect(200)).body as DevMailDetail),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected ${atLeast} reset mail(s) to ${email}`);
  };
  const tokenIn = (mail: DevMailDetail): string => {
    const match = /https:\/\/sendas\.example\.com\/reset-password#token=([\w-]+)/.exec(mail.text ?? '');
    if (!match) throw new Error(`no reset link in: ${mail.text}`);
    return match[1];
  };
  const requestLink = (email: string) => t.http().post('/api/auth/password-reset').send({ email });
  const complete = (token: string, newPassword = NEW_PASSWORD) => t.http().post('/api/auth/password-reset/complete').send({ token, newPassword });

  it('answers an unknown email exactly like a known one, and mails a link only to the account', async () => {
    const user = await t.createUser('sales', { name: 'Ploy Reset' });
    const unknownEmail = `nobody-${randomBytes(4).toString('hex')}@test.example`;
    const unknown = await requestLink(unknownEmail);
    const known = await requestLink(user.email.toUpperCase());
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual({ linkValidMinutes: 30 });

    const [mail] = await resetMails(user.email);
    expect(mail).toMatchObject({ to: [user.email], subject: 'Set a new Sendas password', authUser: 'sendas-system' });
    expect(mail.text).toContain('Hello Ploy Reset');
    expect(mail.text).toContain('works once, for 30 minutes');
    // the HTML part has a button to press, the same link behind it
    expect(mail.html?.replaceAll('&#x3D;', '=')).toMatch(
      /<a href="https:\/\/sendas\.example\.com\/reset-password#token=[\w-]+"[^>]*>Choose a new password<\/a>/,
    );
    expect(tokenIn(mail)).toHaveLength(43);
    const toNobody = (await t.http().get('/api/dev/mailbox').query({ q: unknownEmail }).set(bearer(reader)).expect(200)).body as DevMailPage;
    expect(toNobody.total).toBe(0);
  });

  it('shows a reset mail in the Dev mailbox only to its addressee and to superusers, never to an admin', async () => {
    const target = await t.createUser('superuser', { name: 'Target Superuser' });
    await requestLink(target.email).expect(202);
    const [mail] = await resetMails(target.email);
    const admin = (await t.login((await t.createUser('admin')).email)).accessToken;
    const sales = (await t.login((await t.createUser('sales')).email)).accessToken;
    const addressee = (await t.login(target.email)).accessToken;
    for (const outsider of [admin, sales]) {
      const listed = await t.http().get('/api/dev/mailbox').query({ q: target.email }).set(bearer(outsider)).expect(200);
      expect(listed.body.total).toBe(0);
      const opened = await t.http().get(`/api/dev/mailbox/${mail.id}`).set(bearer(outsider)).expect(404);
      expect(opened.body.code).toBe(ErrorCode.DEV_MAIL_NOT_FOUND);
    }
    const own = await t.http().get(`/api/dev/mailbox/${mail.id}`).set(bearer(addressee)).expect(200);
    expect(tokenIn(own.body as DevMailDetail)).toBe(tokenIn(mail));
  });

  it('sets the new password with the link once: the old password and every session end, a second use is refused', async () => {
    const user = await t.createUser('sales');
    const before = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    await requestLink(user.email).expect(202);
    const token = tokenIn((await resetMails(user.email))[0]);

    await complete(token).expect(204);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await t.login(user.email, NEW_PASSWORD);
    await t.http().get('/api/auth/me').set(bearer(before.body.accessToken)).expect(401);

    const again = await complete(token, 'yet-another-passphrase');
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      statusCode: 400,
      code: ErrorCode.PASSWORD_RESET_LINK_INVALID,
      message: expect.stringContaining('expired or was already used'),
    });
    await t.login(user.email, NEW_PASSWORD);
  });

  it('refuses an expired link and a made-up token, and changes nothing', async () => {
    const user = await t.createUser('sales');
    await requestLink(user.email).expect(202);
    const token = tokenIn((await resetMails(user.email))[0]);
    await t.app.get(DataSource).query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);

    const expired = await complete(token);
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe(ErrorCode.PASSWORD_RESET_LINK_INVALID);
    const madeUp = await complete(randomBytes(32).toString('base64url'));
    expect(madeUp.body.code).toBe(ErrorCode.PASSWORD_RESET_LINK_INVALID);
    await t.login(user.email, TEST_PASSWORD);
  });

  it('mails one link a minute however often it is asked, and a newer link replaces the older one', async () => {
    const user = await t.createUser('admin');
    await requestLink(user.email).expect(202);
    const first = tokenIn((await resetMails(user.email))[0]);
    await requestLink(user.email).expect(202);
    // the mail goes out after the answer: let that request's work end before its link is made older
    await t.app.get(PasswordResets).settled();
    await t.app.get(DataSource).query(`UPDATE password_resets SET created_at = now() - interval '2 minutes' WHERE user_id = $1`, [user.id]);
    await requestLink(user.email).expect(202);
    const mails = await resetMails(user.email, 2);
    expect(mails).toHaveLength(2);
    const second = tokenIn(mails[0]);
    expect(second).not.toBe(first);

    expect((await complete(first)).body.code).toBe(ErrorCode.PASSWORD_RESET_LINK_INVALID);
    await complete(second).expect(204);
  });

  it('mails nothing to a deactivated account, and its old link no longer works', async () => {
    const superuser = await t.login((await t.createUser('superuser')).email);
    const user = await t.createUser('sales');
    await requestLink(user.email).expect(202);
    const token = tokenIn((await resetMails(user.email))[0]);
    await t.http().patch(`/api/users/${user.id}`).set(bearer(superuser.accessToken)).send({ active: false }).expect(200);
    expect((await complete(token)).body.code).toBe(ErrorCode.PASSWORD_RESET_LINK_INVALID);
  });

  it('asks for a well-formed email and a long enough password', async () => {
    const badEmail = await requestLink('not-an-email');
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    const short = await complete(randomBytes(32).toString('base64url'), 'short');
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/newPassword must be at least/);
  });

  it('never writes a reset token to the log', () => {
    expect(t.logs.join('\n')).not.toMatch(/reset-password#token=/);
  });
});

describe('Forgot password without a company mail account', () => {
  let t: TestApp;

  beforeAll(async () => {
    // production: no dev mail catcher stands in for the company account; production also asks for DATABASE_URL,
    // which the test database (also the embedded one) gives
    t = await createTestApp({ NODE_ENV: 'production', DATABASE_URL: process.env.TEST_DATABASE_URL!, SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}` });
  });
  afterAll(() => t.close());

  it('says so with 503 for any email, instead of pretending a mail went out', async () => {
    const user = await t.createUser('sales');
    for (const email of [user.email, 'nobody@test.example']) {
      const response = await t.http().post('/api/auth/password-reset').send({ email });
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ statusCode: 503, code: ErrorCode.PASSWORD_RESET_UNAVAILABLE, message: expect.stringContaining('Ask a superuser') });
    }
  });
});
