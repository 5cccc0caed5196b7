import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@sendas/contracts';
import { DEMO_USERS, DemoUsersSeed } from '../../apps/api/src/demo/demo-users.seed';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';

describe('Platform (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports database and mail status on /api/health without a token', async () => {
    const response = await t.http().get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: { status: 'up', embedded: process.env.TEST_DATABASE_EMBEDDED === 'true' },
      mail: { status: 'up', transport: 'dev-catcher' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('echoes a caller-provided request id', async () => {
    const response = await t.http().get('/api/health').set('X-Request-Id', 'trace-123');
    expect(response.headers['x-request-id']).toBe('trace-123');
  });

  it('serves valid OpenAPI 3 with bearer auth at /api/docs-json, and the Swagger UI', async () => {
    const response = await t.http().get('/api/docs-json').expect(200);
    const document = structuredClone(response.body);
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(response.body.paths['/api/auth/login'].post).toBeDefined();
    expect(response.body.paths['/api/users'].get.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('answers unknown API routes with the error shape', async () => {
    const response = await t.http().post('/api/nothing-here').send({});
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, code: ErrorCode.ROUTE_NOT_FOUND, message: expect.any(String) });
  });

  it('seeds the demo users once, however often it runs', async () => {
    const seed = t.app.get(DemoUsersSeed);
    await seed.run('demo-password-1');
    await seed.run('demo-password-1');
    const emails = DEMO_USERS.map((user) => user.email);
    const rows = await t.app.get(DataSource).query(`SELECT email, role FROM users WHERE email = ANY($1) ORDER BY email`, [emails]);
    expect(rows).toHaveLength(4);
    expect(rows.find((row: { email: string }) => row.email === 'norbert@bmasiamusic.com').role).toBe('superuser');
    // the start banner prints the demo password only for demo users who still have it (every test file seeds with this one)
    expect([...(await seed.withPassword('demo-password-1'))].sort()).toEqual([...emails].sort());
    expect(await seed.withPassword('a-password-they-changed-to')).toEqual(new Set());
  });

  it('sends security headers on API and web responses, and no X-Powered-By', async () => {
    for (const path of ['/api/health', '/api/docs', '/api/nothing-here']) {
      const response = await t.http().get(path);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers).not.toHaveProperty('x-powered-by');
      expect(response.headers).not.toHaveProperty('strict-transport-security'); // HTTPS pinning is for production only
    }
  });

  it('lets no browser or proxy keep an API answer: sign-in, a new API key, a mailbox', async () => {
    const user = await t.createUser('sales');
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
    const key = await t.http().post('/api/users/me/api-keys').set(bearer).send({ name: 'Cache check' }).expect(201);
    const mailbox = await t.http().get('/api/users/me/smtp').set(bearer);
    for (const response of [login, key, mailbox]) expect(response.headers['cache-control']).toBe('no-store');
    expect(
      (
        await t
          .http()
          .get('/')
          .ok(() => true)
      ).headers['cache-control'],
    ).not.toBe('no-store');
  });

  describe('hostile input gets a 4xx with a code, never a 500', () => {
    let token: string;
    beforeAll(async () => {
      token = (await t.login((await t.createUser('admin')).email)).accessToken;
    });

    it('refuses NUL characters in bodies, names and queries, naming the field', async () => {
      const login = await t.http().post('/api/auth/login').send({ email: 'pom@bmasiamusic.com\u0000', password: 'x' });
      expect(login.status).toBe(400);
      expect(login.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [{ field: 'email' }] });
      const company = await t.http().post('/api/companies').set('Authorization', `Bearer ${token}`).send({ name: 'Evil\u0000Corp', country: 'TH' });
      expect(company.status).toBe(400);
      expect(company.body.details).toEqual([{ field: 'name', messages: [expect.stringContaining('NUL')] }]);
      const search = await t.http().get('/api/quotes').query({ q: 'a\u0000b' }).set('Authorization', `Bearer ${token}`);
      expect(search.status).toBe(400);
      expect(search.body.details[0].field).toBe('q');
    });

    it('refuses out-of-range paging', async () => {
      for (const page of ['1e20', '100001', '0', '-1', 'abc']) {
        const response = await t.http().get('/api/quotes').query({ page }).set('Authorization', `Bearer ${token}`);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field: 'page' })] });
      }
    });

    it('refuses JSON nested 5,000 deep (also on the public login route), malformed JSON and oversized bodies', async () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      for (const path of ['/api/auth/login', '/api/companies']) {
        const response = await t.http().post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send(deep);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe(ErrorCode.REQUEST_TOO_DEEP);
      }
      // the sign-in throttle reads the body before validation: odd shapes where a string belongs are a 4xx too
      const deepEmail = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
      for (const body of [deepEmail, '{"email":{"toString":"x"},"password":"x"}', '{"email":["a@b.example"],"password":"x"}']) {
        const odd = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(body);
        expect(odd.status).toBe(400);
        expect(odd.body.code).toEqual(expect.stringMatching(/^(REQUEST_TOO_DEEP|VALIDATION_FAILED)$/));
      }
      const malformed = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: ErrorCode.MALFORMED_JSON, message: expect.stringContaining('not valid JSON') });
      const huge = await t
        .http()
        .post('/api/companies')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'x'.repeat(600_000), country: 'TH' });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: expect.stringContaining('512kb') });
    });
  });
});
