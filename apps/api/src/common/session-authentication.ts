/**
 * The seam through which the global guard accepts a person's access token (a JWT) without knowing where sessions
 * live: the auth module provides it.
 */
export interface SessionAuthenticator {
  /** The active user the token was issued to; otherwise a 401 AppException with the code that says why. */
  authenticate(token: string): Promise<object>;
}
export const SESSION_AUTHENTICATOR = Symbol('SESSION_AUTHENTICATOR');
