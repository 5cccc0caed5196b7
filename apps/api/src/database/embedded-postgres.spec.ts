import { existsSync, statSync } from 'node:fs';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL access', () => {
  it('listens on a Unix socket in a folder only this user can enter, not on a TCP port', async () => {
    const postgres = await startEmbeddedPostgres('memory://');
    const url = new URL(postgres.url);
    const socketDir = url.searchParams.get('host')!;
    try {
      expect(url.host).toBe('');
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      expect(statSync(`${socketDir}/.s.PGSQL.5432`).isSocket()).toBe(true);
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      await expect(client.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      await client.end();
    } finally {
      await postgres.stop();
    }
    expect(existsSync(socketDir)).toBe(false);
  }, 60_000);
});
