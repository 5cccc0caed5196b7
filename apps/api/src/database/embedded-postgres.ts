import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProtocolSafeQueryQueue } from './protocol-safe-query-queue';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Connections the socket server multiplexes onto the single PGlite instance. */
const MAX_CONNECTIONS = 32;

/**
 * Starts PGlite persisted in `dataDir` and serves it on a loopback port, so the ordinary `pg`
 * driver (and TypeORM) can use it like any PostgreSQL. `dataDir` 'memory://' keeps nothing.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const persistent = !dataDir.startsWith('memory://');
  if (persistent) mkdirSync(resolve(dataDir), { recursive: true });
  const db = await PGlite.create(persistent ? resolve(dataDir) : dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: MAX_CONNECTIONS });
  // The server hands this queue to each connection it accepts; see ProtocolSafeQueryQueue for why.
  (server as unknown as { queryQueue: ProtocolSafeQueryQueue }).queryQueue = new ProtocolSafeQueryQueue(db);
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres:postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
