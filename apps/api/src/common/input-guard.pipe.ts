import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '@sendas/contracts';
import { AppException, FieldValidationError } from './app.exception';

/** Deeper than any request of this API; bounds the work of validating (and recursing into) a body. */
export const MAX_INPUT_DEPTH = 16;

/**
 * Runs before validation on every body, query and route parameter: refuses NUL characters (PostgreSQL
 * cannot store them in text, so they would fail late as a 500) and nesting deeper than MAX_INPUT_DEPTH.
 * Iterative, so a hostile 5,000-deep body cannot exhaust the stack here.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: metadata.data ?? '', depth: 0 }];
    while (pending.length) {
      const { value: current, path, depth } = pending.pop()!;
      if (typeof current === 'string') {
        if (current.includes('\u0000')) {
          throw FieldValidationError.of(path || metadata.type, `${path || metadata.type} must not contain NUL characters (\\u0000).`);
        }
        continue;
      }
      if (typeof current !== 'object' || current === null) continue;
      if (depth >= MAX_INPUT_DEPTH) {
        throw new AppException(ErrorCode.REQUEST_TOO_DEEP, `The request is nested more than ${MAX_INPUT_DEPTH} levels deep.`);
      }
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) throw FieldValidationError.of(path || metadata.type, 'Field names must not contain NUL characters.');
        pending.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
      }
    }
    return value;
  }
}
