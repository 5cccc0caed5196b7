import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

/**
 * One database for the whole run: the PostgreSQL in DATABASE_URL, or else one embedded PostgreSQL
 * started here. Migrations run once; each test file then starts its own app and uses unique data.
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedPostgres('memory://');
    (globalThis as { embeddedPostgres?: typeof embedded }).embeddedPostgres = embedded;
    url = embedded.url;
  }
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_DATABASE_EMBEDDED = process.env.DATABASE_URL ? 'false' : 'true';
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}
