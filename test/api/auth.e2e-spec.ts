import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@sendas/contracts';
import { DataSource } from 'typeorm';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

describe('Auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_ACCOUNT_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('signs in with the right password, case-insensitive email, and answers /auth/me', async () => {
    const user = await t.createUser('sales', { name: 'Pom Test' });
    const login = await t.login(user.email.toUpperCase());
    expect(login.expiresIn).toBeGreaterThan(0);
    expect(login.user).toMatchObject({ id: user.id, email: user.email, role: 'sales', name: 'Pom Test' });
    expect(JSON.stringify(login)).not.toContain('password');

    const me = await t.http().get('/api/auth/me').auth(login.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'sales' });
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const user = await t.createUser('sales');
    const wrong = await t.http().post('/api/auth/login').send({ email: user.email, password: 'not-the-password' });
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nobody@test.example', password: TEST_PASSWORD });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        code: ErrorCode.AUTH_INVALID_CREDENTIALS,
        message: expect.stringContaining('Email or password is wrong'),
      });
    }
  });

  it('throttles repeated attempts on one account with 429', async () => {
    const user = await t.createUser('sales');
    const attempt = () => t.http().post('/api/auth/login').send({ email: user.email, password: 'wrong-password' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const throttled = await attempt();
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe(ErrorCode.RATE_LIMITED);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.body.message).toMatch(/Try again in \d+ seconds/);
    // even the right password waits: the block is per account
    const right = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    // another account from the same address is not blocked by it
    const other = await t.createUser('sales');
    await t.login(other.email);
  });

  it('refuses a deactivated user at login, and their existing token stops working', async () => {
    const admin = await t.createUser('superuser');
    const user = await t.createUser('sales');
    const { accessToken } = await t.login(user.email);
    const adminToken = (await t.login(admin.email)).accessToken;

    await t.http().patch(`/api/users/${user.id}`).auth(adminToken, { type: 'bearer' }).send({ active: false }).expect(200);

    const me = await t.http().get('/api/auth/me').auth(accessToken, { type: 'bearer' });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe(ErrorCode.AUTH_USER_INACTIVE);
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe(ErrorCode.AUTH_USER_INACTIVE);
  });

  it('rejects missing and forged tokens with distinct codes', async () => {
    const missing = await t.http().get('/api/auth/me');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe(ErrorCode.AUTH_REQUIRED);
    const forged = await t.http().get('/api/auth/me').auth('eyJhbGciOiJIUzI1NiJ9.e30.x', { type: 'bearer' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe(ErrorCode.AUTH_TOKEN_INVALID);
  });

  it('refuses an access token once it has expired, also one it accepted before', async () => {
    const user = await t.createUser('sales');
    const jwt = t.app.get(JwtService);
    const expired = await jwt.signAsync({ sub: user.id, role: user.role, ver: user.sessionVersion }, { expiresIn: -10 });
    expect((await t.http().get('/api/auth/me').auth(expired, { type: 'bearer' })).body.code).toBe(ErrorCode.AUTH_TOKEN_INVALID);

    const shortLived = await jwt.signAsync({ sub: user.id, role: user.role, ver: user.sessionVersion }, { expiresIn: 60 });
    await t.http().get('/api/auth/me').auth(shortLived, { type: 'bearer' }).expect(200);
    // a minute later by the app's clock (it runs in this process): the token verified and kept before is refused
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now + 61_000);
    try {
      const later = await t.http().get('/api/auth/me').auth(shortLived, { type: 'bearer' });
      expect(later.status).toBe(401);
      expect(later.body.code).toBe(ErrorCode.AUTH_TOKEN_INVALID);
    } finally {
      clock.mockRestore();
    }

    const otherSecret = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256', signOptions: { algorithm: 'HS256' } });
    const foreign = await otherSecret.signAsync({ sub: user.id, role: 'superuser', ver: user.sessionVersion }, { expiresIn: 60 });
    expect((await t.http().get('/api/auth/me').auth(foreign, { type: 'bearer' })).body.code).toBe(ErrorCode.AUTH_TOKEN_INVALID);
  });

  const sessionCookieOf = (response: { headers: Record<string, unknown> }) =>
    ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('sendas_session='));

  it('lets a user change their own password with the current one: other sessions and keys end, this browser stays in', async () => {
    const user = await t.createUser('sales');
    const other = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const otherCookie = sessionCookieOf(other)!.split(';')[0];
    const here = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const key = await t.http().post('/api/users/me/api-keys').auth(here.body.accessToken, { type: 'bearer' }).send({ name: 'Script' }).expect(201);
    const change = (body: object, token = here.body.accessToken as string) => t.http().post('/api/auth/password').auth(token, { type: 'bearer' }).send(body);

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'a-new-long-passphrase' }).expect(400);
    expect(wrong.body).toMatchObject({ code: ErrorCode.PASSWORD_INCORRECT, details: [{ field: 'currentPassword', messages: [expect.any(String)] }] });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400)).body.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'x'.repeat(20) }, key.body.secret).expect(403)).body.code).toBe(
      ErrorCode.API_KEY_NOT_ALLOWED,
    );
    await t.http().get('/api/auth/me').auth(here.body.accessToken, { type: 'bearer' }).expect(200);

    const changed = await change({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-passphrase' }).expect(200);
    await t.http().get('/api/auth/me').auth(changed.body.accessToken, { type: 'bearer' }).expect(200);
    await t.http().post('/api/auth/refresh').set('Cookie', sessionCookieOf(changed)!.split(';')[0]).expect(200);
    expect((await t.http().get('/api/auth/me').auth(here.body.accessToken, { type: 'bearer' }).expect(401)).body.code).toBe(ErrorCode.AUTH_SESSION_REVOKED);
    expect((await t.http().post('/api/auth/refresh').set('Cookie', otherCookie).expect(401)).body.code).toBe(ErrorCode.AUTH_SESSION_REVOKED);
    expect((await t.http().get('/api/auth/me').auth(key.body.secret, { type: 'bearer' }).expect(401)).body.code).toBe(ErrorCode.AUTH_INVALID_API_KEY);
    // (sign-in attempts per account are limited to three a minute in this file, so the old password is checked directly)
    await expect(t.app.get(UsersService).authenticate(user.email, TEST_PASSWORD)).resolves.toBeNull();
    await t.http().post('/api/auth/login').send({ email: user.email, password: 'a-new-long-passphrase' }).expect(200);
  });

  it('keeps the browser session in an httpOnly, Secure, SameSite=Strict cookie that only renews', async () => {
    const user = await t.createUser('finance');
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = sessionCookieOf(login)!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/auth;/);
    const sessionToken = cookie.split(';')[0];
    expect(JSON.stringify(login.body)).not.toContain(sessionToken.split('=')[1]);

    const renewed = await t.http().post('/api/auth/refresh').set('Cookie', sessionToken).expect(200);
    expect(renewed.body.user.id).toBe(user.id);
    expect(sessionCookieOf(renewed)).toMatch(/^sendas_session=[^;]+; Max-Age=\d+/);
    await t.http().get('/api/auth/me').auth(renewed.body.accessToken, { type: 'bearer' }).expect(200);
    // the cookie is not a bearer token, and a bearer token does not renew
    expect((await t.http().get('/api/auth/me').set('Cookie', sessionToken)).body.code).toBe(ErrorCode.AUTH_REQUIRED);
    const withBearer = await t.http().post('/api/auth/refresh').auth(renewed.body.accessToken, { type: 'bearer' });
    expect(withBearer.status).toBe(401);
    expect(withBearer.body.code).toBe(ErrorCode.AUTH_REQUIRED);
  });

  it('rotates the cookie at each renewal; a tab renewing with the old one at the same moment is answered, a later reuse ends the session', async () => {
    const user = await t.createUser('sales');
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const first = sessionCookieOf(login)!.split(';')[0];
    const renewed = await t.http().post('/api/auth/refresh').set('Cookie', first).expect(200);
    const second = sessionCookieOf(renewed)!.split(';')[0];
    expect(second).not.toBe(first);

    // another tab renewed with the first cookie at the same moment: answered, and its answer leaves the new cookie alone
    const parallel = await t.http().post('/api/auth/refresh').set('Cookie', first).expect(200);
    expect(sessionCookieOf(parallel)).toBeUndefined();
    await t.http().get('/api/auth/me').auth(parallel.body.accessToken, { type: 'bearer' }).expect(200);

    // past the grace, the first cookie is a copy: the session ends, for its holder too
    await t.app.get(DataSource).query(`UPDATE auth_sessions SET rotated_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
    const reused = await t.http().post('/api/auth/refresh').set('Cookie', first);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: ErrorCode.AUTH_SESSION_ENDED, message: expect.stringContaining('old copy of this sign-in') });
    expect((await t.http().post('/api/auth/refresh').set('Cookie', second)).body.code).toBe(ErrorCode.AUTH_SESSION_ENDED);
    const access = await t.http().get('/api/auth/me').auth(renewed.body.accessToken, { type: 'bearer' });
    expect(access.body.code).toBe(ErrorCode.AUTH_SESSION_ENDED);
  });

  it('ends the browser session and its access tokens at sign-out, and an unknown session cannot renew', async () => {
    const user = await t.createUser('sales');
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const sessionToken = sessionCookieOf(login)!.split(';')[0];
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    await t.http().get('/api/auth/me').set(bearer).expect(200);
    const logout = await t.http().post('/api/auth/logout').set('Cookie', sessionToken).expect(204);
    // the access token of that session ends with it, not up to 15 minutes later
    const after = await t.http().get('/api/auth/me').set(bearer);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe(ErrorCode.AUTH_SESSION_ENDED);
    expect(sessionCookieOf(logout)).toMatch(/^sendas_session=;.*Expires=Thu, 01 Jan 1970/);
    for (const cookie of [sessionToken, 'sendas_session=made-up-token']) {
      const refresh = await t.http().post('/api/auth/refresh').set('Cookie', cookie);
      expect(refresh.status).toBe(401);
      expect(refresh.body).toMatchObject({ code: ErrorCode.AUTH_SESSION_ENDED, message: expect.stringContaining('not used for more than 7 days') });
    }
  });

  it('ends the browser sessions of a deactivated user', async () => {
    const admin = await t.createUser('superuser');
    const user = await t.createUser('sales');
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const adminToken = (await t.login(admin.email)).accessToken;
    await t.http().patch(`/api/users/${user.id}`).auth(adminToken, { type: 'bearer' }).send({ active: false }).expect(200);
    const refresh = await t.http().post('/api/auth/refresh').set('Cookie', sessionCookieOf(login)!.split(';')[0]);
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe(ErrorCode.AUTH_USER_INACTIVE);
  });

  it('signs a user out everywhere when their password is changed, and only then', async () => {
    const admin = await t.createUser('superuser');
    const user = await t.createUser('sales');
    const adminToken = (await t.login(admin.email)).accessToken;
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const { accessToken } = login.body as { accessToken: string };
    const sessionToken = sessionCookieOf(login)!.split(';')[0];
    const change = (body: object) => t.http().patch(`/api/users/${user.id}`).auth(adminToken, { type: 'bearer' }).send(body).expect(200);

    await change({ name: 'Renamed Seller' });
    await t.http().get('/api/auth/me').auth(accessToken, { type: 'bearer' }).expect(200);

    await t.http().post('/api/auth/refresh').set('Cookie', sessionToken).expect(200);

    await change({ password: 'a-brand-new-password-1' });
    const requests = [t.http().get('/api/auth/me').auth(accessToken, { type: 'bearer' }), t.http().post('/api/auth/refresh').set('Cookie', sessionToken)];
    for (const request of requests) {
      const response = await request;
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: ErrorCode.AUTH_SESSION_REVOKED, message: expect.stringContaining('password') });
    }
    const again = await t.http().post('/api/auth/login').send({ email: user.email, password: 'a-brand-new-password-1' }).expect(200);
    await t.http().get('/api/auth/me').auth(again.body.accessToken, { type: 'bearer' }).expect(200);
    // the superuser who made the change keeps their own session
    await t.http().get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200);
  });
});

describe('Login throttle with several instances on one database', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { LOGIN_THROTTLE_ACCOUNT_LIMIT: '3', LOGIN_THROTTLE_TTL_SECONDS: '3' };
    first = await createTestApp(env);
    second = await createTestApp(env);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const attempt = (app: TestApp, email: string, password = 'wrong-password') => app.http().post('/api/auth/login').send({ email, password });

  it("counts an account's attempts on every instance together", async () => {
    const user = await first.createUser('sales');
    expect((await attempt(first, user.email)).status).toBe(401);
    expect((await attempt(second, user.email)).status).toBe(401);
    expect((await attempt(first, user.email)).status).toBe(401);
    expect((await attempt(second, user.email)).status).toBe(429);
  });

  it('opens a throttled account to its owner again when the window ends, not later', async () => {
    const user = await first.createUser('sales');
    for (let i = 0; i < 3; i++) expect((await attempt(first, user.email)).status).toBe(401);
    const throttled = await attempt(second, user.email, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect((await attempt(first, user.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('Login throttle per address, with several instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  // a documentation address of its own (behind a trusted proxy), so no other test's sign-ins count towards it
  const address = `192.0.2.${1 + Math.floor(Math.random() * 250)}`;

  beforeAll(async () => {
    const env = { LOGIN_THROTTLE_IP_LIMIT: '4', LOGIN_THROTTLE_TTL_SECONDS: '5' };
    first = await createTestApp(env, { trustProxy: 'loopback' });
    second = await createTestApp(env, { trustProxy: 'loopback' });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const attempt = (app: TestApp, email: string, from = address) =>
    app.http().post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: 'wrong-password' });

  it('counts the attempts of one address on every instance together, whatever accounts it tries, and no other address', async () => {
    const accounts = await Promise.all(Array.from({ length: 5 }, () => first.createUser('sales')));
    const statuses = [];
    for (const [index, user] of accounts.entries()) statuses.push((await attempt(index % 2 ? second : first, user.email)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await attempt(second, accounts[0].email, '198.51.100.7')).status).toBe(401);
  });
});
