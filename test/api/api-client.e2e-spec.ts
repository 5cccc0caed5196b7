import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const SCHEMA = join(ROOT, 'libs', 'api-client', 'schema.d.ts');
const OPENAPI_TYPESCRIPT = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/**
 * libs/api-client/schema.d.ts is openapi-typescript's reading of the running app's OpenAPI document. This fails
 * when it is stale; `npm run api:client` (UPDATE_API_CLIENT=1) writes it instead.
 */
describe('The generated API client (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('matches the OpenAPI document of the app', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sendas-api-client-'));
    const document = join(folder, 'openapi.json');
    writeFileSync(document, JSON.stringify((await t.http().get('/api/docs-json').expect(200)).body));
    const generated = join(folder, 'schema.d.ts');
    execFileSync(process.execPath, [OPENAPI_TYPESCRIPT, document, '--output', generated], { stdio: 'pipe' });
    const fresh = readFileSync(generated, 'utf8');
    if (process.env.UPDATE_API_CLIENT === '1') writeFileSync(SCHEMA, fresh);
    expect(readFileSync(SCHEMA, 'utf8')).toBe(fresh);
  });
});
