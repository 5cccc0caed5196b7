import { ParseUUIDPipe } from '@nestjs/common';
import { FieldValidationError } from './app.exception';

/** `@Param('id', ParseIdPipe)`: a malformed id is a 400 naming the `id` field. */
export const ParseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => FieldValidationError.of('id', 'id must be a UUID'),
});
