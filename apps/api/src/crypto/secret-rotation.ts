import type { DataSource } from 'typeorm';
import { type SecretBox, SecretUnreadableError } from './secret-box';

/** A column that holds SecretBox envelopes, keyed by a uuid `id`. */
export interface EncryptedColumn {
  table: string;
  column: string;
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
  for (const { table, column } of columns) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; secret: string }> = await dataSource.query(
        `SELECT id, "${column}" AS secret FROM "${table}" WHERE "${column}" NOT LIKE $1 AND id > $2 ORDER BY id LIMIT $3`,
        [current, after, batchSize],
      );
      if (!rows.length) break;
      for (const row of rows) {
        try {
          const resealed = box.encrypt(box.decrypt(row.secret));
          await dataSource.query(`UPDATE "${table}" SET "${column}" = $1 WHERE id = $2 AND "${column}" = $3`, [resealed, row.id, row.secret]);
          report.rotated++;
        } catch (error) {
          if (!(error instanceof SecretUnreadableError)) throw error;
          report.unreadable.push({ table, id: row.id });
        }
      }
      after = rows[rows.length - 1].id;
    }
  }
  return report;
}
