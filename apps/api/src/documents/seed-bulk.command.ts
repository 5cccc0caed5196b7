/**
 * `npm run seed:bulk -- --documents 10000`: adds that many quotes, contracts and invoices (each) for
 * benchmarks, on DATABASE_URL or on the embedded database in DATA_DIR (stop the app first for that one).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigError, validateEnv } from '../config/env.validation';
import { dataSourceOptions } from '../database/data-source';
import { launchEmbeddedPostgres } from '../database/embedded-postgres.launcher';
import { seedBulkDocuments } from './bulk-seed';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { documents: { type: 'string', default: '10000' } } });
  const perType = Number(values.documents);
  if (!Number.isInteger(perType) || perType < 1 || perType > 1_000_000) {
    throw new ConfigError('--documents must be a whole number from 1 to 1000000');
  }
  const env = validateEnv(process.env);
  const embedded = env.DATABASE_URL ? undefined : await launchEmbeddedPostgres(env.EMBEDDED_PG_DIR, 0);
  const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL ?? embedded!.url)).initialize();
  try {
    await dataSource.runMigrations();
    const started = Date.now();
    await seedBulkDocuments(dataSource, perType);
    console.log(`Added ${perType} quotes, contracts and invoices each in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Error: ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
