import { HttpErrorResponse } from '@angular/common/http';
import { type ApiError, ErrorCode } from '@sendas/contracts';

/**
 * The server's `{statusCode, code, message}` from any failed request, or a readable fallback (`statusCode` 0: the
 * server was not reached).
 */
export function toApiError(error: unknown): Pick<ApiError, 'statusCode' | 'code' | 'message' | 'details'> {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body === 'object' && body.code && body.message) {
      return { statusCode: error.status, code: body.code, message: body.message, details: body.details };
    }
    if (error.status === 0) {
      return { statusCode: 0, code: ErrorCode.INTERNAL_ERROR, message: 'Cannot reach the Sendas server. Check your connection and try again.' };
    }
  }
  return { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Something went wrong. Try again.' };
}

/** Asking again may help: the server was not reached, or failed (not a refusal such as 403 or 404). */
export function mayRetry(error: Pick<ApiError, 'statusCode'>): boolean {
  return error.statusCode === 0 || error.statusCode >= 500;
}
