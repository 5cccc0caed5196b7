/**
 * `npm run secrets:rotate`: re-encrypts every stored secret with the first key of SECRETS_KEYS.
 * Run it after putting a new key first (keep the old one listed until this has finished).
 * Stop the app first when it runs on the embedded database (one process owns it).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, validateEnv } from '../config/env.validation';
import { dataSourceOptions } from '../database/data-source';
import { launchEmbeddedPostgres } from '../database/embedded-postgres.launcher';
import { ENCRYPTED_COLUMNS } from '../users/smtp-credential.entity';
import { secretKeysFrom } from './crypto.module';
import { parseSecretKeys, SecretBox } from './secret-box';
import { rotateSecrets } from './secret-rotation';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const embedded = env.DATABASE_URL ? undefined : await launchEmbeddedPostgres(env.EMBEDDED_PG_DIR, 0);
  const dataSource = await new DataSource(dataSourceOptions(env.DATABASE_URL ?? embedded!.url)).initialize();
  try {
    const box = new SecretBox(parseSecretKeys(secretKeysFrom(env)));
    const report = await rotateSecrets(dataSource, box, ENCRYPTED_COLUMNS);
    console.log(`Re-encrypted ${report.rotated} secret(s) with key "${box.primaryKeyId}".`);
    for (const { table, id } of report.unreadable) {
      console.log(`  cannot read ${table} ${id}: its key is not in SECRETS_KEYS; re-enter that password`);
    }
    process.exitCode = report.unreadable.length ? 2 : 0;
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
