import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@sendas/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Users (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let superId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const superuser = await t.createUser('superuser');
    superId = superuser.id;
    superToken = (await t.login(superuser.email)).accessToken;
  });
  afterAll(() => t.close());

  const asSuper = () => ({ type: 'bearer' as const, token: superToken });

  it('lets a superuser create, list, rename, change role of and reset the password of a user', async () => {
    const email = `Keith-${randomUUID()}@Test.Example`;
    const created = await t
      .http()
      .post('/api/users')
      .auth(asSuper().token, asSuper())
      .send({ email, name: 'Keith', role: 'sales', password: 'first-password-1' })
      .expect(201);
    expect(created.body).toMatchObject({ email: email.toLowerCase(), name: 'Keith', role: 'sales', active: true });
    expect(created.body).not.toHaveProperty('passwordHash');

    const list = await t.http().get('/api/users').auth(asSuper().token, asSuper()).expect(200);
    expect(list.body.map((u: { id: string }) => u.id)).toContain(created.body.id);

    const updated = await t
      .http()
      .patch(`/api/users/${created.body.id}`)
      .auth(asSuper().token, asSuper())
      .send({ name: 'Keith R.', role: 'admin', password: 'second-password-2' })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Keith R.', role: 'admin' });
    await t.login(email, 'second-password-2');
    const old = await t.http().post('/api/auth/login').send({ email, password: 'first-password-1' });
    expect(old.status).toBe(401);

    const fetched = await t.http().get(`/api/users/${created.body.id}`).auth(asSuper().token, asSuper()).expect(200);
    expect(fetched.body.name).toBe('Keith R.');
  });

  it('refuses a second user with the same email in any case (409)', async () => {
    const existing = await t.createUser('sales');
    const response = await t
      .http()
      .post('/api/users')
      .auth(asSuper().token, asSuper())
      .send({ email: existing.email.toUpperCase(), name: 'Twin', role: 'sales', password: 'long-enough-1' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe(ErrorCode.USER_EMAIL_TAKEN);
  });

  it('does not let sales or finance manage users (403)', async () => {
    for (const role of ['sales', 'finance', 'admin'] as const) {
      const user = await t.createUser(role);
      const { accessToken } = await t.login(user.email);
      const response = await t.http().get('/api/users').auth(accessToken, { type: 'bearer' });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
    }
  });

  it('rejects unknown fields and bad types with 400 naming the field', async () => {
    const unknown = await t
      .http()
      .post('/api/users')
      .auth(asSuper().token, asSuper())
      .send({ email: 'x@test.example', name: 'X', role: 'sales', password: 'long-enough-1', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(unknown.body.details).toEqual([{ field: 'isAdmin', messages: [expect.stringContaining('isAdmin')] }]);

    const badTypes = await t
      .http()
      .post('/api/users')
      .auth(asSuper().token, asSuper())
      .send({ email: 'not-an-email', name: 42, role: 'boss', password: 'short' });
    expect(badTypes.status).toBe(400);
    const fields = (badTypes.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['email', 'name', 'password', 'role']);

    const addressAsName = await t
      .http()
      .post('/api/users')
      .auth(asSuper().token, asSuper())
      .send({ email: 'y@test.example', name: 'Norbert <norbert@bmasiamusic.com>', role: 'sales', password: 'long-enough-1' });
    expect(addressAsName.status).toBe(400);
    expect(addressAsName.body.details).toEqual([{ field: 'name', messages: [expect.stringContaining('may not hold <, >, @')] }]);

    const badId = await t.http().get('/api/users/not-a-uuid').auth(asSuper().token, asSuper());
    expect(badId.status).toBe(400);
    expect(badId.body.details[0].field).toBe('id');
  });

  it('answers 404 with a code for an unknown user', async () => {
    const response = await t.http().get(`/api/users/${randomUUID()}`).auth(asSuper().token, asSuper());
    expect(response.status).toBe(404);
    expect(response.body.code).toBe(ErrorCode.USER_NOT_FOUND);
  });

  it('does not let a superuser deactivate or demote themselves', async () => {
    const response = await t.http().patch(`/api/users/${superId}`).auth(asSuper().token, asSuper()).send({ active: false });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe(ErrorCode.USER_CANNOT_DEMOTE_SELF);
  });

  it('lets every user change their own name and signature, but not their role', async () => {
    const user = await t.createUser('sales');
    const { accessToken } = await t.login(user.email);
    const updated = await t.http().patch('/api/users/me').auth(accessToken, { type: 'bearer' }).send({ name: 'Pom S.', signature: 'Pom\nSales' }).expect(200);
    expect(updated.body).toMatchObject({ name: 'Pom S.', signature: 'Pom\nSales', role: 'sales' });

    const escalate = await t.http().patch('/api/users/me').auth(accessToken, { type: 'bearer' }).send({ role: 'admin' });
    expect(escalate.status).toBe(400);
    expect(escalate.body.details[0].field).toBe('role');
  });
});
