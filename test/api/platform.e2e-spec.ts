import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@sendas/contracts';
import { DEMO_USERS, DemoUsersSeed } from '../../apps/api/src/users/demo-users.seed';
import { createTestApp, type TestApp } from '../support/test-app';

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
    expect(response.body.paths['/api/users'].get.security).toEqual([{ bearer: [] }]);
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
    const rows = await t.app
      .get(DataSource)
      .query(`SELECT email, role FROM users WHERE email = ANY($1) ORDER BY email`, [emails]);
    expect(rows).toHaveLength(4);
    expect(rows.find((row: { email: string }) => row.email === 'norbert@bmasiamusic.com').role).toBe('superuser');
  });
});
