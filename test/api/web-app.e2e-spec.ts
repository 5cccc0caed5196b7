import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@sendas/contracts';
import { createTestApp } from '../support/test-app';

/** The API serving a built web app (the other test apps serve none). */
describe('The web app served by the API (e2e)', () => {
  it('serves the built web app: its files, index.html for deep links, and unknown API routes still as 404 in the error shape', async () => {
    const web = mkdtempSync(join(tmpdir(), 'sendas-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Sendas</title>');
    writeFileSync(join(web, 'main.abcdef12.js'), 'console.log(1)');
    const withWeb = await createTestApp({ WEB_DIST_DIR: web });
    try {
      for (const path of ['/', '/quotes/some-id', '/settings/mailbox?tab=1']) {
        const page = await withWeb.http().get(path).expect(200);
        expect(page.text).toContain('<title>Sendas</title>');
        expect(page.headers['cache-control']).toBe('no-cache');
      }
      const asset = await withWeb.http().get('/main.abcdef12.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const path of ['/api', '/api?x=1', '/api/nothing-here']) {
        const missing = await withWeb.http().get(path);
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ code: ErrorCode.ROUTE_NOT_FOUND });
      }
    } finally {
      await withWeb.close();
    }
  });
});
