import type { AuthUser } from './auth-user';

/** The key a request was authenticated with (`Bearer sk_...`): `apiKey` of the request's AuthUser. */
export interface RequestApiKey {
  id: string;
  name: string;
}

/**
 * The passport strategy through which the global guard accepts API keys (`Bearer sk_...`) without knowing where keys
 * live: the api-keys module provides it under this name, which is also its injection token.
 */
export const API_KEY_STRATEGY = 'api-key';

/**
 * API keys as the rest of the app sees them, without knowing where keys live: the api-keys module provides it (the
 * outbox asks `isValid` before each scheduled send). `null`: no such key, revoked, or its owner is deactivated.
 */
export interface ApiKeyAuthenticator {
  authenticate(key: string): Promise<AuthUser | null>;
  /** The key with this id would still authenticate (not revoked, its owner active and their password unchanged since). */
  isValid(id: string): Promise<boolean>;
}
export const API_KEY_AUTHENTICATOR = Symbol('API_KEY_AUTHENTICATOR');
