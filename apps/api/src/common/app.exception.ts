import { HttpException, HttpStatus } from '@nestjs/common';
import { type ApiError, ErrorCode, type FieldError } from '@sendas/contracts';

/** An error with a stable code from libs/contracts and a message a person can act on. */
export class AppException extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: ApiError['details']) {
    super({ statusCode: status, code, message, details } satisfies ApiError, status);
  }
}

/** A 400 naming each field at fault; the message is the first problem of each, joined. */
export class FieldValidationError extends AppException {
  constructor(details: FieldError[], code: ErrorCode = ErrorCode.VALIDATION_FAILED) {
    super(HttpStatus.BAD_REQUEST, code, details.map((detail) => detail.messages[0]).join('; '), details);
  }

  static of(field: string, message: string, code?: ErrorCode): FieldValidationError {
    return new FieldValidationError([{ field, messages: [message] }], code);
  }
}

export class NotFoundError extends AppException {
  constructor(code: ErrorCode, message: string) {
    super(HttpStatus.NOT_FOUND, code, message);
  }
}

export class ConflictError extends AppException {
  constructor(code: ErrorCode, message: string) {
    super(HttpStatus.CONFLICT, code, message);
  }
}
