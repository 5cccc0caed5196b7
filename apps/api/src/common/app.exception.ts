import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, ErrorCode } from '@sendas/contracts';

/** An error with a stable code from libs/contracts and a message a person can act on. */
export class AppException extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string, details?: ApiError['details']) {
    super({ statusCode: status, code, message, details } satisfies ApiError, status);
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
