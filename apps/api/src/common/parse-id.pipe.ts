import { HttpStatus, ParseUUIDPipe } from '@nestjs/common';
import { ErrorCode } from '@sendas/contracts';
import { AppException } from './app.exception';

/** `@Param('id', ParseIdPipe)`: a malformed id is a 400 naming the `id` field. */
export const ParseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, 'id must be a UUID', [
      { field: 'id', messages: ['id must be a UUID'] },
    ]),
});
