import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatus } from '@nestjs/common';
import passport from 'passport';
import { AppException } from '../app.exception';
import type { AuthUser } from '../auth-user';

const BEARER = /^bearer +(\S+)$/i;

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return BEARER.exec(headers.authorization ?? '')?.[1];
}

/**
 * A passport strategy (passport's own `Strategy` base) for one kind of bearer token, read from the Authorization
 * header only: never from a query parameter or a body field, as passport-http-bearer also does, since those end up
 * in logs and browser history. The global guard runs the strategies in turn:
 * - a token this strategy does not `take` (or none at all) fails without a challenge, and passport tries the next;
 * - `validate` returns who the token belongs to (with the API key, when it is one), or throws: a 401 AppException fails with that exception as the
 *   challenge (the guard answers with it), anything else (the database is away) is an error, answered as a 500.
 *
 * One object per app: passport gives each request an `Object.create()` of it, so nothing of a request is kept on it.
 */
export abstract class BearerTokenStrategy extends passport.Strategy {
  abstract override readonly name: string;

  /** Whether a token is of this strategy's kind (by its form, not by checking it). */
  protected abstract takes(token: string): boolean;

  abstract validate(token: string): Promise<AuthUser>;

  override authenticate(request: { headers: IncomingHttpHeaders }): void {
    const token = bearerToken(request.headers);
    if (token === undefined || !this.takes(token)) return this.fail();
    void this.validate(token).then(
      (user) => this.success(user),
      (error: unknown) =>
        error instanceof AppException && error.getStatus() === HttpStatus.UNAUTHORIZED ? this.fail(error, HttpStatus.UNAUTHORIZED) : this.error(error),
    );
  }
}
