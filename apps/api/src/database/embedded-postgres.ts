import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ProtocolSafeQueryQueue } from './protocol-safe-query-queue';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Connections the socket server multiplexes onto the single PGlite instance. */
const MAX_CONNECTIONS = 32;

/**
 * Starts PGlite persisted in `dataDir` and serves it so the ordinary `pg` driver (and TypeORM) can use it like
 * any PostgreSQL. `dataDir` 'memory://' keeps nothing. PGlite accepts any user name and password, so by default
 * it listens on a Unix socket in a fresh folder only this user can enter (mode 0700), not on a TCP port every
 * local user could reach; a `port` other than 0 listens on loopback TCP instead, for a look with psql.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const persistent = !dataDir.startsWith('memory://');
  if (persistent) mkdirSync(resolve(dataDir), { recursive: true });
  const db = await PGlite.create(persistent ? resolve(dataDir) : dataDir, { extensions: { pg_trgm } });
  const socketDir = port ? undefined : mkdtempSync(join(tmpdir(), 'sendas-pg-'));
  const listen = socketDir ? { path: join(socketDir, '.s.PGSQL.5432') } : { host: '127.0.0.1', port };
  const server = new PGLiteSocketServer({ db, ...listen, maxConnections: MAX_CONNECTIONS });
  // The server hands this queue to each connection it accepts; see ProtocolSafeQueryQueue for why.
  (server as unknown as { queryQueue: ProtocolSafeQueryQueue }).queryQueue = new ProtocolSafeQueryQueue(db);
  await server.start();
  return {
    url: socketDir
      ? `postgresql:///postgres?host=${encodeURIComponent(socketDir)}&user=postgres&sslmode=disable`
      : `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
