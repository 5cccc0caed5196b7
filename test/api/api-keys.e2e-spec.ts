import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, MAX_API_KEYS_PER_USER, type Role } from '@sendas/contracts';
import type { User } from '../../apps/api/src/users/user.entity';
import { draftQuote } from '../support/documents';
import { createTestApp, type TestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('API keys (e2e)', () => {
  let t: TestApp;
  let admin: { user: User; token: string };
  const responses: string[] = [];

  async function person(role: Role = 'sales') {
    const user = await t.createUser(role);
    return { user, token: (await t.login(user.email)).accessToken };
  }

  async function createKey(who: { token: string }, name = `Key ${randomUUID().slice(0, 6)}`) {
    const response = await t.http().post('/api/users/me/api-keys').set(bearer(who.token)).send({ name });
    responses.push(response.text);
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string; prefix: string; secret: string };
  }

  const quote = (owner: { token: string }) => draftQuote(t, admin, owner, { name: 'Wei Ming Tan', email: 'weiming@chaophraya.example' });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await person('admin');
  });
  afterAll(() => t.close());

  it('creates a key shown once, lists it without the secret, and accepts it as the owner', async () => {
    const keith = await person();
    const key = await createKey(keith, 'ERP invoices');
    expect(key.secret).toMatch(/^sk_[\w-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 11));

    const listed = await t.http().get('/api/users/me/api-keys').set(bearer(keith.token)).expect(200);
    responses.push(listed.text);
    expect(listed.body).toEqual([
      {
        id: key.id,
        name: 'ERP invoices',
        prefix: key.prefix,
        owner: { id: keith.user.id, name: keith.user.name, email: keith.user.email },
        createdAt: expect.any(String),
        lastUsedAt: null,
      },
    ]);
    expect(listed.text).not.toContain(key.secret);
    const stored = await t.app.get(DataSource).query('SELECT * FROM api_keys WHERE id = $1', [key.id]);
    expect(JSON.stringify(stored)).not.toContain(key.secret);

    const me = await t.http().get('/api/auth/me').set(bearer(key.secret)).expect(200);
    expect(me.body).toMatchObject({ id: keith.user.id, role: 'sales' });
    const used = await t.http().get('/api/users/me/api-keys').set(bearer(keith.token)).expect(200);
    expect(used.body[0].lastUsedAt).not.toBeNull();
  });

  it('has exactly the owner’s permissions: a sales key sees its own documents only and no admin routes', async () => {
    const keith = await person();
    const pom = await person();
    const key = await createKey(keith);
    const own = await quote(keith);
    const others = await quote(pom);

    await t.http().get(`/api/quotes/${own.id}`).set(bearer(key.secret)).expect(200);
    const hidden = await t.http().get(`/api/quotes/${others.id}`).set(bearer(key.secret)).expect(404);
    expect(hidden.body.code).toBe(ErrorCode.DOCUMENT_NOT_FOUND);
    const list = await t.http().get('/api/quotes').query({ pageSize: 100 }).set(bearer(key.secret)).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(own.id);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(others.id);
    expect((await t.http().get('/api/users').set(bearer(key.secret)).expect(403)).body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
    expect((await t.http().get('/api/emails').set(bearer(key.secret)).expect(403)).body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
  });

  it('audits a send made with a key as its owner, naming the key', async () => {
    const keith = await person();
    const key = await createKey(keith, 'Month-end script');
    const document = await quote(keith);
    const sent = await t
      .http()
      .post(`/api/quotes/${document.id}/send`)
      .set(bearer(key.secret))
      .set('Idempotency-Key', randomUUID())
      .send({ recipients: ['weiming@chaophraya.example'], subject: `Quote ${document.number}`, body: 'Dear Wei Ming,\n\nAttached.', attachPdf: false });
    responses.push(sent.text);
    expect(sent.status).toBe(201);

    const history = await t.http().get(`/api/quotes/${document.id}/emails`).set(bearer(keith.token)).expect(200);
    expect(history.body[0]).toMatchObject({ actor: { id: keith.user.id }, apiKey: 'Month-end script', status: 'sent' });
    const log = await t.http().get('/api/emails').query({ documentId: document.id }).set(bearer(admin.token)).expect(200);
    expect(log.body.items[0].apiKey).toBe('Month-end script');
  });

  it('refuses a revoked key, a deactivated owner’s key and a malformed key with AUTH_INVALID_API_KEY, at once', async () => {
    const keith = await person();
    const revoked = await createKey(keith);
    await t.http().get('/api/auth/me').set(bearer(revoked.secret)).expect(200);
    await t.http().delete(`/api/users/me/api-keys/${revoked.id}`).set(bearer(keith.token)).expect(204);
    const afterRevoke = await t.http().get('/api/auth/me').set(bearer(revoked.secret)).expect(401);
    expect(afterRevoke.body).toEqual({ statusCode: 401, code: ErrorCode.AUTH_INVALID_API_KEY, message: expect.stringContaining('revoked') });
    expect((await t.http().get('/api/users/me/api-keys').set(bearer(keith.token)).expect(200)).body).toEqual([]);

    const nikki = await person('finance');
    const deactivatedKey = await createKey(nikki);
    await t.http().get('/api/auth/me').set(bearer(deactivatedKey.secret)).expect(200);
    const superuser = await person('superuser');
    await t.http().patch(`/api/users/${nikki.user.id}`).set(bearer(superuser.token)).send({ active: false }).expect(200);
    expect((await t.http().get('/api/auth/me').set(bearer(deactivatedKey.secret)).expect(401)).body.code).toBe(ErrorCode.AUTH_INVALID_API_KEY);

    for (const malformed of ['sk_', 'sk_not-a-key', `${revoked.secret}x`]) {
      expect((await t.http().get('/api/auth/me').set(bearer(malformed)).expect(401)).body.code).toBe(ErrorCode.AUTH_INVALID_API_KEY);
    }
  });

  it('ends every key of a user whose password is reset or who is deactivated, also after reactivation', async () => {
    const superuser = await person('superuser');
    const keith = await person();
    const beforeReset = await createKey(keith);
    await t.http().patch(`/api/users/${keith.user.id}`).set(bearer(superuser.token)).send({ password: 'a-brand-new-password' }).expect(200);
    expect((await t.http().get('/api/auth/me').set(bearer(beforeReset.secret)).expect(401)).body.code).toBe(ErrorCode.AUTH_INVALID_API_KEY);

    const afterReset = await createKey({ token: (await t.login(keith.user.email, 'a-brand-new-password')).accessToken });
    await t.http().get('/api/auth/me').set(bearer(afterReset.secret)).expect(200);
    await t.http().patch(`/api/users/${keith.user.id}`).set(bearer(superuser.token)).send({ active: false }).expect(200);
    await t.http().patch(`/api/users/${keith.user.id}`).set(bearer(superuser.token)).send({ active: true }).expect(200);
    expect((await t.http().get('/api/auth/me').set(bearer(afterReset.secret)).expect(401)).body.code).toBe(ErrorCode.AUTH_INVALID_API_KEY);
  });

  it('cannot manage keys, mailboxes or users: those need a person’s session (a leaked key cannot make more keys)', async () => {
    const norbert = await person('superuser');
    const key = await createKey(norbert);
    const attempts = [
      t.http().post('/api/users/me/api-keys').send({ name: 'Another' }),
      t.http().delete(`/api/users/me/api-keys/${key.id}`),
      t.http().get('/api/api-keys'),
      t.http().put('/api/users/me/smtp').send({ provider: 'custom', host: 'mx.attacker.example', password: 'x' }),
      t.http().post('/api/users/me/smtp/oauth/google').send({}),
      t.http().patch(`/api/users/${norbert.user.id}`).send({ password: 'taken-over-by-key' }),
      t.http().post('/api/users').send({ email: 'intruder@test.example', name: 'Intruder', role: 'superuser', password: 'intruder-password' }),
    ];
    for (const attempt of attempts) {
      const response = await attempt.set(bearer(key.secret));
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: ErrorCode.API_KEY_NOT_ALLOWED });
    }
    await t.http().get('/api/users').set(bearer(key.secret)).expect(200);
    expect((await t.http().get('/api/users/me/api-keys').set(bearer(norbert.token)).expect(200)).body).toHaveLength(1);
  });

  it('lets a superuser list and revoke anyone’s keys; others only their own', async () => {
    const keith = await person();
    const pom = await person();
    const superuser = await person('superuser');
    const keithsKey = await createKey(keith);
    const all = await t.http().get('/api/api-keys').set(bearer(superuser.token)).expect(200);
    expect(all.body.find((key: { id: string }) => key.id === keithsKey.id)).toMatchObject({ owner: { id: keith.user.id } });
    expect(all.text).not.toContain(keithsKey.secret);

    const notPoms = await t.http().delete(`/api/users/me/api-keys/${keithsKey.id}`).set(bearer(pom.token)).expect(404);
    expect(notPoms.body.code).toBe(ErrorCode.API_KEY_NOT_FOUND);
    await t.http().get('/api/auth/me').set(bearer(keithsKey.secret)).expect(200);
    await t.http().delete(`/api/api-keys/${keithsKey.id}`).set(bearer(superuser.token)).expect(204);
    await t.http().get('/api/auth/me').set(bearer(keithsKey.secret)).expect(401);
    const audit = await t.app
      .get(DataSource)
      .query(`SELECT action, actor_id FROM audit_events WHERE subject_type = 'api_key' AND subject_id = $1 ORDER BY occurred_at`, [keithsKey.id]);
    expect(audit).toEqual([
      { action: 'api_key.created', actor_id: keith.user.id },
      { action: 'api_key.revoked', actor_id: superuser.user.id },
    ]);
  });

  it(`refuses a ${MAX_API_KEYS_PER_USER + 1}st key (409) and a name over 100 characters (400)`, async () => {
    const pom = await person();
    const tooLong = await t
      .http()
      .post('/api/users/me/api-keys')
      .set(bearer(pom.token))
      .send({ name: 'x'.repeat(101) })
      .expect(400);
    expect(tooLong.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    await Promise.all(Array.from({ length: MAX_API_KEYS_PER_USER }, (_, n) => createKey(pom, `Key ${n}`)));
    const refused = await t.http().post('/api/users/me/api-keys').set(bearer(pom.token)).send({ name: 'One more' }).expect(409);
    expect(refused.body.code).toBe(ErrorCode.API_KEY_LIMIT_REACHED);
    expect((await t.http().get('/api/users/me/api-keys').set(bearer(pom.token)).expect(200)).body).toHaveLength(MAX_API_KEYS_PER_USER);
  });

  it('never writes a key into the logs', () => {
    const secrets = responses.map((text) => /"secret":"(sk_[^"]+)"/.exec(text)?.[1]).filter((secret): secret is string => Boolean(secret));
    expect(secrets.length).toBeGreaterThan(5);
    const logs = t.logs.join('\n');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
