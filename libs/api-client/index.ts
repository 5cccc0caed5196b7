/**
 * A typed client of the Sendas API: `openapi-fetch` over the types `openapi-typescript` generated from the
 * running app's OpenAPI document (schema.d.ts; regenerate with `npm run api:client`, a test fails when stale).
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Schemas = components['schemas'];

/** A client that sends `apiKey` (an `sk_...` key from Settings > API keys) on every request. */
export function createSendasClient(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
}
