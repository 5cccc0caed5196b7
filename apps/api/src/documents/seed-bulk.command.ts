/**
 * `npm run seed:bulk -- --documents 10000`: adds that many quotes, contracts and invoices (each) for
 * benchmarks, on DATABASE_URL or on the embedded database in DATA_DIR (stop the app first for that one).
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { runWithDatabase } from '../database';
import { seedBulkDocuments } from './bulk-seed';

void runWithDatabase(async (dataSource) => {
  const { values } = parseArgs({ options: { documents: { type: 'string', default: '10000' } } });
  const perType = Number(values.documents);
  if (!Number.isInteger(perType) || perType < 1 || perType > 1_000_000) {
    throw new ConfigError('--documents must be a whole number from 1 to 1000000');
  }
  const started = Date.now();
  await seedBulkDocuments(dataSource, perType);
  console.log(`Added ${perType} quotes, contracts and invoices each in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
