import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';

/** A connection to the test run's database (migrated by global-setup), for specs that run a service on real tables. */
export function openTestDatabase(): Promise<DataSource> {
  return new DataSource({ ...dataSourceOptions(process.env.TEST_DATABASE_URL!), migrationsRun: false }).initialize();
}
