/**
 * Child process that owns the embedded PostgreSQL. PGlite runs queries as WASM on the thread that owns
 * it, so keeping it out of the API process keeps HTTP handling responsive. Stops when the parent goes away.
 */
import { startEmbeddedPostgres } from './embedded-postgres';
import { restrictToOwner } from './owner-only-files';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  // The database files hold password hashes and encrypted SMTP passwords: readable by this user only. PGlite
  // sets file modes itself (0666), so the folders' 0700 is what keeps other users out; files are narrowed too.
  process.umask(0o077);
  restrictToOwner(dataDir);
  const postgres = await startEmbeddedPostgres(dataDir, Number(port ?? 0));
  restrictToOwner(dataDir);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await postgres.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.send?.({ url: postgres.url });
}

main().catch((error: unknown) => {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
