import { HttpErrorResponse } from '@angular/common/http';
import { type ApiError, ErrorCode } from '@sendas/contracts';

/** The server's `{code, message}` from any failed request, or a readable fallback. */
export function toApiError(error: unknown): Pick<ApiError, 'code' | 'message' | 'details'> {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | null;
    if (body && typeof body === 'object' && body.code && body.message) {
      return { code: body.code, message: body.message, details: body.details };
    }
    if (error.status === 0) {
      return { code: ErrorCode.INTERNAL_ERROR, message: 'Cannot reach the Sendas server. Check your connection and try again.' };
    }
  }
  return { code: ErrorCode.INTERNAL_ERROR, message: 'Something went wrong. Try again.' };
}
