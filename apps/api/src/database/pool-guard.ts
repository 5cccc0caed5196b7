import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Keeps a connection that the server dropped (`pg_terminate_backend`, a restart, a failover) from ending the process.
 * pg emits `error` on such a client; pg-pool listens only while the client is idle, and during `pool.query` only once,
 * so a second emit, or one while a client is checked out between statements, has no listener: an uncaught exception.
 * Every client gets a listener of its own; the statement in flight still fails with the error, and the pool drops the
 * client.
 */
export function guardPool(pool: Pool, onError: (error: Error) => void): void {
  const guarded = new WeakSet<PoolClient>();
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', onError);
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
  if (pool.listenerCount('error') === 0) pool.on('error', onError);
}

/** TypeORM's pool, guarded (see guardPool). */
@Injectable()
export class TypeOrmPoolGuard {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() dataSource: DataSource) {
    const pool = (dataSource.driver as unknown as { master: Pool }).master; // PostgresDriver's pool
    guardPool(pool, (error) => this.logger.warn(`A database connection ended: ${error.message}`));
  }
}
