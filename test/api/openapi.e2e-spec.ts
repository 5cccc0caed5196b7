import SwaggerParser from '@apidevtools/swagger-parser';
import { ErrorCode } from '@sendas/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const MODULE_TAGS = ['auth', 'users', 'organisation', 'invitations', 'mailboxes', 'api-keys', 'documents', 'email', 'outbox', 'health'];
const PUBLIC_ROUTES = [
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/complete',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/health',
];
const COOKIE_ROUTES = ['POST /api/auth/refresh'];
const API_ERROR_REF = '#/components/schemas/ApiError';

/** The OpenAPI document integrators and the generated client rely on: valid, and complete for every route. */
describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3.1 document with both ways to authenticate', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'sk_...' }),
      sendas_session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'sendas_session' }),
    });
  });

  it('gives every route a summary, one module tag, and a success response with a schema', () => {
    const incomplete = operations().filter(({ operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      const described = success.some(([status, response]) => status === '204' || Object.values(response.content ?? {}).some((media) => media.schema));
      return !operation.summary || operation.tags?.length !== 1 || !MODULE_TAGS.includes(operation.tags[0]) || !described;
    });
    expect(incomplete.map(({ route }) => route)).toEqual([]);
  });

  it('describes every error response with the shared ApiError schema and the codes it can carry', () => {
    const codes = new Set<string>(Object.values(ErrorCode));
    for (const { route, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || route === 'GET /api/health') continue;
        const schema = response.content?.['application/json']?.schema as { allOf?: Array<{ $ref?: string; properties?: { code?: { enum?: string[] } } }> };
        expect({ route, status, ref: schema?.allOf?.[0]?.$ref }).toEqual({ route, status, ref: API_ERROR_REF });
        const enumerated = schema.allOf![1].properties!.code!.enum!;
        expect(enumerated.length).toBeGreaterThan(0);
        enumerated.forEach((code) => expect(codes.has(code)).toBe(true));
      }
    }
    const send = document.paths['/api/invoices/{id}/send'].post;
    expect(send.responses['502']).toBeDefined();
    expect(JSON.stringify(send.responses['502'])).toContain(ErrorCode.MAILBOX_RECONNECT_REQUIRED);
    expect(JSON.stringify(send.responses['401'])).toContain(ErrorCode.AUTH_INVALID_API_KEY);
  });

  it('accepts a session token or an API key on every route that is not public, a session alone where keys may not go', () => {
    for (const { route, operation } of operations()) {
      const sessionOnly = JSON.stringify(operation.responses['403'] ?? {}).includes(ErrorCode.API_KEY_NOT_ALLOWED);
      const expected = PUBLIC_ROUTES.includes(route)
        ? []
        : COOKIE_ROUTES.includes(route)
          ? [{ sendas_session: [] }]
          : sessionOnly
            ? [{ bearer: [] }]
            : [{ bearer: [] }, { apiKey: [] }];
      expect({ route, security: operation.security ?? [] }).toEqual({ route, security: expected });
    }
    expect(document.paths['/api/users/me/api-keys'].post.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/api/invoices/{id}/send'].post.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  it('lists each parameter once (headers compared without case)', () => {
    for (const { route, operation } of operations()) {
      const names = (operation.parameters ?? []).map((parameter) => `${parameter.in}:${parameter.name.toLowerCase()}`);
      expect({ route, names: [...new Set(names)] }).toEqual({ route, names });
    }
    const sendParameters = document.paths['/api/quotes/{id}/send'].post.parameters ?? [];
    expect(sendParameters.filter((parameter) => parameter.name.toLowerCase() === 'idempotency-key')).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
  });
});
