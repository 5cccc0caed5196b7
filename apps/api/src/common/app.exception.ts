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
  constructor(code: ErrorCode, message: string, details?: ApiError['details'], status?: HttpStatus);
  /** @deprecated TEMPORARY while the guard moves to passport: the status comes from the code. */
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: ApiError['details']);
  constructor(...args: [ErrorCode, string, ApiError['details']?, HttpStatus?] | [HttpStatus, ErrorCode, string, ApiError['details']?]) {
    const [code, message, details, status] = typeof args[0] === 'number' ? [args[1], args[2], args[3], args[0]] : args;
    const statusCode = statusOf(code as ErrorCode, status as HttpStatus | undefined);
    super({ statusCode, code: code as ErrorCode, message: message as string, details: details as ApiError['details'] } satisfies ApiError, statusCode);
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
