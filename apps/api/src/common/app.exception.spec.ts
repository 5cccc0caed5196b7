import { HttpStatus } from '@nestjs/common';
import { ERROR_STATUSES, ErrorCode } from '@sendas/contracts';
import { AppException, ConflictError, FieldValidationError, NotFoundError } from './app.exception';

describe('AppException', () => {
  it('answers with the status the catalogue gives its code', () => {
    for (const code of Object.values(ErrorCode).filter((c) => ERROR_STATUSES[c].length === 1)) {
      const error = new AppException(code, 'message');
      expect(error.getStatus()).toBe(ERROR_STATUSES[code][0]);
      expect(error.getResponse()).toMatchObject({ statusCode: ERROR_STATUSES[code][0], code });
    }
    expect(new AppException(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'reused').getStatus()).toBe(HttpStatus.CONFLICT);
  });

  it('makes a code with two statuses name one of them, and refuses one the catalogue does not give it', () => {
    expect(() => new AppException(ErrorCode.SMTP_QUOTA_EXCEEDED, 'over')).toThrow(/502 or 429/);
    expect(new AppException(ErrorCode.SMTP_QUOTA_EXCEEDED, 'over', undefined, HttpStatus.TOO_MANY_REQUESTS).getStatus()).toBe(429);
    expect(new AppException(ErrorCode.SMTP_QUOTA_EXCEEDED, 'over', undefined, HttpStatus.BAD_GATEWAY).getStatus()).toBe(502);
    expect(() => new AppException(ErrorCode.DOCUMENT_NOT_FOUND, 'gone', undefined, HttpStatus.BAD_REQUEST)).toThrow(/not 400/);
  });

  it('keeps its subclasses to codes of their status', () => {
    expect(new NotFoundError(ErrorCode.COMPANY_NOT_FOUND, 'x').getStatus()).toBe(404);
    expect(new ConflictError(ErrorCode.COMPANY_ARCHIVED, 'x').getStatus()).toBe(409);
    expect(FieldValidationError.of('sendAt', 'x', ErrorCode.SEND_AT_INVALID).getStatus()).toBe(400);
    expect(() => new NotFoundError(ErrorCode.COMPANY_ARCHIVED, 'x')).toThrow();
  });
});
