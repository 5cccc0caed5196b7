import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryConfig } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';
import { DATABASE_INFO, type DatabaseInfo } from './database-info';

/** A statement of a hot path, written once as SQL: `name` must be unique in the app. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export const preparedStatement = (name: string, text: string): PreparedStatement => ({ name, text });

/**
 * Runs the statements of the hot paths (a send's three, the access check of every document route, a document's
 * detail, the documents list) straight on TypeORM's
 * own pool, without a query builder: on PostgreSQL as named prepared statements, parsed and planned once per
 * connection. The embedded database runs every connection in one session, where one connection's statement names
 * would collide with another's, so there they go unnamed. Errors are TypeORM's QueryFailedError, as from any query.
 */
@Injectable()
export class PreparedStatements {
  private readonly pool: Pool;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
  ) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master; // PostgresDriver's pool
  }

  async run<Row>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
    const query: QueryConfig = this.database.embedded ? { text: statement.text, values } : { ...statement, values };
    try {
      return (await this.pool.query(query)).rows as Row[];
    } catch (error) {
      throw new QueryFailedError(statement.text, values, error as Error);
    }
  }
}
