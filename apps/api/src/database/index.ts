/** What other modules may use of database/: lint forbids importing its files directly. */
export { DATABASE_INFO, type DatabaseInfo } from './database-info';
export { DatabaseModule } from './database.module';
export { everyColumn } from './every-column';
export { launchEmbeddedPostgres } from './embedded-postgres.launcher';
export { guardPool } from './pool-guard';
export { type PreparedStatement, PreparedStatements, preparedStatement } from './prepared-statements';
export { DatabaseThrottlerStorage } from './throttler-storage';
export { runWithDatabase } from './with-database';
