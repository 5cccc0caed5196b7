import { type DataSource, type EntityTarget, type FindOptionsWhere, Like, MoreThan, Not, type ObjectLiteral } from 'typeorm';
import { type SecretBox, SecretUnreadableError } from './secret-box';

/** A property that holds SecretBox envelopes, of an entity keyed by a uuid `id`. */
export interface EncryptedColumn {
  entity: EntityTarget<ObjectLiteral>;
  property: string;
}

export interface RotationReport {
  rotated: number;
  unreadable: Array<{ table: string; id: string }>;
}

/**
 * Re-encrypts every envelope not sealed with the first key, in batches, one short statement per row
 * (no long transaction). Safe to re-run: rows already under the first key are skipped, and a row changed
 * meanwhile is left for the next run.
 */
export async function rotateSecrets(dataSource: DataSource, box: SecretBox, columns: EncryptedColumn[], batchSize = 200): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, unreadable: [] };
  const current = `${box.currentEnvelopePrefix}%`;
  for (const { entity, property } of columns) {
    const repository = dataSource.getRepository(entity);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await repository.find({
        select: { id: true, [property]: true },
        where: { [property]: Not(Like(current)), id: MoreThan(after) } as FindOptionsWhere<ObjectLiteral>,
        order: { id: 'ASC' },
        take: batchSize,
      });
      if (!rows.length) break;
      for (const row of rows as Array<{ id: string } & Record<string, string>>) {
        try {
          const resealed = box.encrypt(box.decrypt(row[property]));
          await repository.update({ id: row.id, [property]: row[property] }, { [property]: resealed });
          report.rotated++;
        } catch (error) {
          if (!(error instanceof SecretUnreadableError)) throw error;
          report.unreadable.push({ table: repository.metadata.tableName, id: row.id });
        }
      }
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }
  return report;
}
