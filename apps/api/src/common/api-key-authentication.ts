import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The key a request was authenticated with (set by JwtAuthGuard for `Bearer sk_...`). */
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
  authenticate(key: string): Promise<{ user: object; apiKey: RequestApiKey } | null>;
  /** The key with this id would still authenticate (not revoked, its owner active and their password unchanged since). */
  isValid(id: string): Promise<boolean>;
}
export const API_KEY_AUTHENTICATOR = Symbol('API_KEY_AUTHENTICATOR');

export type RequestWithApiKey = FastifyRequest & { user?: unknown; apiKey?: RequestApiKey };

/** The API key of this request, or undefined when it came with a session token. */
export const CurrentApiKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestApiKey | undefined => context.switchToHttp().getRequest<RequestWithApiKey>().apiKey,
);
