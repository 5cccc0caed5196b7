import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { DATABASE_INFO, type DatabaseInfo } from './database-info';

/** A statement written once as SQL, with a name unique in the app (pg prepares it once per connection under that name). */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** The text of each name declared so far. */
const declared = new Map<string, string>();

/** Declares a statement (at module level, or again with the same text); another text under a name already taken is a programming error. */
export function preparedStatement(name: string, text: string): PreparedStatement {
  if ((declared.get(name) ?? text) !== text) throw new Error(`Two different prepared statements are named ${name}`);
  declared.set(name, text);
  return { name, text };
}

/**
 * The one way SQL is run outside migrations (the other is TypeORM's repositories, for plain CRUD): a statement
 * declared once with `preparedStatement`, run on TypeORM's own pool, or on the connection of a transaction when
 * given its EntityManager. On PostgreSQL they run as named prepared statements, parsed and planned once per
 * connection. The embedded database runs every connection in one session, where one connection's statement names
 * would collide with another's, so there they go unnamed. Errors are TypeORM's QueryFailedError, as from any query.
 */
@Injectable()
export class PreparedStatements {
  private readonly pool: Pool;
  private readonly named: boolean;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(DATABASE_INFO) database: Pick<DatabaseInfo, 'embedded'>) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master; // PostgresDriver's pool
    this.named = !database.embedded;
  }

  /** For a script outside the app (a seed) that runs each statement once: unnamed, as there is nothing to reuse. */
  static unnamed(dataSource: DataSource): PreparedStatements {
    return new PreparedStatements(dataSource, { embedded: true });
  }

  /** The rows the statement returns (a write returns those of its RETURNING clause). */
  async run<Row>(statement: PreparedStatement, values: unknown[], transaction?: EntityManager): Promise<Row[]> {
    return (await this.execute(statement, values, transaction)).rows as Row[];
  }

  /** How many rows the statement wrote (or read). */
  async affected(statement: PreparedStatement, values: unknown[], transaction?: EntityManager): Promise<number> {
    return (await this.execute(statement, values, transaction)).rowCount ?? 0;
  }

  private async execute(statement: PreparedStatement, values: unknown[], transaction?: EntityManager): Promise<QueryResult> {
    const query: QueryConfig = this.named ? { ...statement, values } : { text: statement.text, values };
    try {
      return await (transaction ? await this.connectionOf(transaction) : this.pool).query(query);
    } catch (error) {
      throw new QueryFailedError(statement.text, values, error as Error);
    }
  }

  /** The pg client that holds the transaction's connection. */
  private async connectionOf(transaction: EntityManager): Promise<PoolClient> {
    const runner = transaction.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('PreparedStatements takes the EntityManager of a running transaction');
    return (await runner.connect()) as PoolClient;
  }
}
