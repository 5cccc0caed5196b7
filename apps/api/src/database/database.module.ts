import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATABASE_INFO, type DatabaseInfo } from './database-info';
import { dataSourceOptions } from './data-source';
import { TypeOrmPoolGuard } from './pool-guard';
import { PreparedStatements } from './prepared-statements';

/** TypeORM on the chosen database; pending migrations run at start (`synchronize` is never on). The hot paths' statements run through PreparedStatements. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseInfo): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), migrationsRun: true, retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: DATABASE_INFO, useValue: database }, PreparedStatements, TypeOrmPoolGuard],
      exports: [DATABASE_INFO, PreparedStatements],
    };
  }
}
