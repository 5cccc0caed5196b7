import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@sendas/contracts';
import { type AppProcess, ownDatabase, spawnApp } from '../support/app-process';

/**
 * Two instances of the built app on one PostgreSQL: a key revoked through one stops at once on the other (keys
 * are checked against the database on every request, never from a cache). The embedded database belongs to one
 * process, so this needs DATABASE_URL (CI sets it).
 */
const twoInstances = process.env.DATABASE_URL ? describe : describe.skip;

twoInstances('API keys across instances (e2e)', () => {
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  const apps: AppProcess[] = [];

  async function call(app: AppProcess, path: string, token: string, init: { method?: string; body?: object } = {}) {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>) };
  }

  beforeAll(async () => {
    database = await ownDatabase();
    for (let n = 0; n < 2; n++) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-keys-')),
        DEV_SMTP_PORT: '0',
        LOG_LEVEL: 'warn',
      };
      delete env.NODE_ENV;
      delete env.SMTP_URL;
      apps.push(await spawnApp(env));
    }
  }, 240_000);
  afterAll(async () => {
    for (const app of apps) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await database?.drop();
  });

  it('a key revoked on one instance is refused by the other at once', async () => {
    const [first, second] = apps;
    const login = await fetch(`${first.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'keith@bmasiamusic.com', password: 'sendas-demo' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await call(first, '/api/users/me/api-keys', accessToken, { method: 'POST', body: { name: 'Two instances' } });
    expect(created.status).toBe(201);
    const secret = created.body!.secret as string;

    expect((await call(second, '/api/auth/me', secret)).status).toBe(200);
    expect((await call(first, `/api/users/me/api-keys/${created.body!.id as string}`, accessToken, { method: 'DELETE' })).status).toBe(204);
    const refused = await call(second, '/api/auth/me', secret);
    expect(refused).toMatchObject({ status: 401, body: { code: ErrorCode.AUTH_INVALID_API_KEY } });
  });
});
