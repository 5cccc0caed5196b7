import type { FindOptionsSelect, ObjectLiteral, Repository } from 'typeorm';

/**
 * A `select` of every column of the entity, also those marked `select: false` (a password hash, an encrypted
 * secret), for the few reads that need them: `repository.findOne({ where, select: everyColumn(repository) })`.
 */
export function everyColumn<Entity extends ObjectLiteral>(repository: Repository<Entity>): FindOptionsSelect<Entity> {
  const columns = repository.metadata.columns.filter((column) => column.propertyName !== column.relationMetadata?.propertyName);
  return Object.fromEntries(columns.map((column) => [column.propertyName, true])) as FindOptionsSelect<Entity>;
}
