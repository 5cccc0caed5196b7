/** What a log line may say about an error: its kind, message, SQLSTATE and stack. */
export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/**
 * Strips what an error object carries besides its message: TypeORM's QueryFailedError holds the SQL
 * parameters (password hashes, encrypted SMTP passwords, email bodies) and pg's error the row in `detail`.
 */
export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'A non-error value was thrown' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.constructor.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
  };
}
