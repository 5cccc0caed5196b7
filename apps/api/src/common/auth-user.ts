import type { Role } from '@sendas/contracts';
import type { RequestApiKey } from './api-key-authentication';

/**
 * Who a request acts for: what the global guard puts on the request (`@CurrentUser()`), and what services take as
 * the actor. A plain, read-only value that the users module makes from its entity, so no other module holds (or
 * saves) a `User` row it did not load itself.
 */
export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** IANA zone: times the user types or reads are in it. */
  readonly timeZone: string;
  /** Put under what they send. */
  readonly signature: string;
  /** The user's session version when the principal was made (a token or key from an older one is refused). */
  readonly sessionVersion: number;
  /** The API key of this request (`Bearer sk_...`); absent when it came with a person's session. */
  readonly apiKey?: RequestApiKey;
}
