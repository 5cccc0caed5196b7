import { QueryFailedError } from 'typeorm';

const sqlState = (error: unknown) => error instanceof QueryFailedError && (error.driverError as { code?: string }).code;

/** A unique constraint refused the row (PostgreSQL 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** The database refused a send's audit row: its mailbox reached its daily limit (migration EmailDailyLimitGuard). */
export function isDailyLimitReached(error: unknown): boolean {
  return sqlState(error) === 'SDL01';
}

/** The database refused a send's audit row: the mailbox it was about to use changed since it was read (migration SendPathTriggers). */
export function isMailboxChanged(error: unknown): boolean {
  return sqlState(error) === 'SMV01';
}

/** User text for `LIKE`/`ILIKE`: its wildcards match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
