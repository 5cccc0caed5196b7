import { HttpException, HttpStatus } from '@nestjs/common';
import { type ApiError, ERROR_STATUSES, ErrorCode, type FieldError } from '@sendas/contracts';

/** The HTTP status of `code` from the catalogue; a code the catalogue gives several statuses must name one of them. */
export function statusOf(code: ErrorCode, status?: HttpStatus): HttpStatus {
  const statuses = ERROR_STATUSES[code];
  if (status === undefined && statuses.length === 1) return statuses[0] as HttpStatus;
  if (status !== undefined && statuses.includes(status)) return status;
  throw new Error(`${code} answers ${statuses.join(' or ')} (libs/contracts ERROR_STATUSES): ${status === undefined ? 'name which' : `not ${status}`}`);
}

/**
 * An error with a stable code from libs/contracts and a message a person can act on. Its status is the code's in the
 * catalogue (`ERROR_STATUSES`); `status` only chooses between a code's statuses (SMTP_QUOTA_EXCEEDED: 502 or 429).
 */
export class AppException extends HttpException {
  constructor(code: ErrorCode, message: string, details?: ApiError['details'], status?: HttpStatus) {
    const statusCode = statusOf(code, status);
    super({ statusCode, code, message, details } satisfies ApiError, statusCode);
  }
}

/** A 400 naming each field at fault; the message is the first problem of each, joined. */
export class FieldValidationError extends AppException {
  constructor(details: FieldError[], code: ErrorCode = ErrorCode.VALIDATION_FAILED) {
    super(code, details.map((detail) => detail.messages[0]).join('; '), details, HttpStatus.BAD_REQUEST);
  }

  static of(field: string, message: string, code?: ErrorCode): FieldValidationError {
    return new FieldValidationError([{ field, messages: [message] }], code);
  }
}

export class NotFoundError extends AppException {
  constructor(code: ErrorCode, message: string) {
    super(code, message, undefined, HttpStatus.NOT_FOUND);
  }
}

export class ConflictError extends AppException {
  constructor(code: ErrorCode, message: string) {
    super(code, message, undefined, HttpStatus.CONFLICT);
  }
}
