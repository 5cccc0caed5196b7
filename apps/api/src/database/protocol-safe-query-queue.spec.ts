import { Pool } from 'pg';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL under concurrent clients', () => {
  let postgres: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    postgres = await startEmbeddedPostgres('memory://');
    pool = new Pool({ connectionString: postgres.url, max: 8 });
    await pool.query('CREATE TABLE counter (k int PRIMARY KEY, v int NOT NULL)');
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await postgres.stop();
  });

  it('keeps parameterised queries of different connections apart', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pool.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `v${i}`])),
    );
    results.forEach((result, i) => expect(result.rows[0]).toEqual({ n: i, s: `v${i}` }));
  });

  it('runs concurrent transactions one after another, each seeing its own counter value', async () => {
    const values = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        let value: number;
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ v: number }>(
            'INSERT INTO counter VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET v = counter.v + 1 RETURNING v',
            [1],
          );
          await client.query('SELECT pg_sleep(0.001)');
          await client.query('COMMIT');
          value = rows[0].v;
        } finally {
          client.release();
        }
        await pool.query('SELECT $1::int', [value]);
        return value;
      }),
    );
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
