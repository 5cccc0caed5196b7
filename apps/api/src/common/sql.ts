import { QueryFailedError } from 'typeorm';

/** A unique constraint refused the row (PostgreSQL 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/** User text for `LIKE`/`ILIKE`: its wildcards match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
