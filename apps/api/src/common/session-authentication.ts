/**
 * The passport strategy through which the global guard accepts a person's access token (a JWT) without knowing
 * where sessions live: the auth module provides it under this name, which is also its injection token.
 */
export const SESSION_STRATEGY = 'session-token';

/** What that strategy asks of the auth module. */
export interface SessionAuthenticator {
  /** The active user the token was issued to; otherwise a 401 AppException with the code that says why. */
  authenticate(token: string): Promise<object>;
}
