import type { ApiError, FieldError } from '@sendas/contracts';
import type { AppException } from '../../apps/api/src/common';

/** What the AppException that `act` throws answers with (code, message, the fields at fault); fails when it throws none. */
export function refusalOf(act: () => unknown): Omit<ApiError, 'details'> & { details?: FieldError[] } {
  try {
    act();
  } catch (error) {
    return (error as AppException).getResponse() as Omit<ApiError, 'details'> & { details?: FieldError[] };
  }
  throw new Error('expected an AppException, and nothing was thrown');
}
