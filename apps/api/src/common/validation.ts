import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { Matches } from 'class-validator';
import type { FieldError } from '@sendas/contracts';
import { FieldValidationError } from './app.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelists DTO fields, rejects unknown ones, converts types, and names each bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new FieldValidationError(flatten(errors)),
  });
}

/**
 * A person's or a mailbox's display name, shown in front of an address in From: no `<`, `>`, `@` or line break, so it
 * cannot pass for another address ("Norbert (CEO) <norbert@…>" in front of someone else's) or break the header.
 */
export const IsDisplayName = () =>
  Matches(/^[^<>@\r\n]*$/, { message: ({ property }) => `${property} is a name shown in front of the address: it may not hold <, >, @ or a line break.` });
