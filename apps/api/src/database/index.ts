/** What other modules may use of database/: lint forbids importing its files directly. */
export { DATABASE_INFO, type DatabaseInfo } from './database-info';
export { DatabaseModule } from './database.module';
export { launchEmbeddedPostgres } from './embedded-postgres.launcher';
export { guardPool } from './pool-guard';
export { type PreparedStatement, PreparedStatements, preparedStatement } from './prepared-statements';
export { runWithDatabase } from './with-database';
