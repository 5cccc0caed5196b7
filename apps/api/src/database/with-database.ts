import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, type Env, validateEnv } from '../config';
import { dataSourceOptions } from './data-source';
import { launchEmbeddedPostgres } from './embedded-postgres.launcher';

/**
 * The start-up of every command-line script: validated environment, the database in DATABASE_URL or else the
 * embedded one in DATA_DIR (stop the app first: one process owns it), pending migrations applied, and all of
 * it closed afterwards. `work` returns the exit code. Errors print one line, never a connection string.
 */
export async function runWithDatabase(work: (dataSource: DataSource, env: Env) => Promise<number>): Promise<void> {
  try {
    const env = validateEnv(process.env);
    const embedded = env.DATABASE_URL ? undefined : await launchEmbeddedPostgres(env.EMBEDDED_PG_DIR, 0);
    try {
      const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL ?? embedded!.url)).initialize();
      try {
        await dataSource.runMigrations();
        process.exitCode = await work(dataSource, env);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await embedded?.stop();
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error instanceof Error ? error.message : 'The command failed.');
    process.exitCode = 1;
  }
}
