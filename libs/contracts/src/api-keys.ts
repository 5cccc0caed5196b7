/** API keys: `Authorization: Bearer sk_...`, with exactly their owner's permissions. */
export const API_KEY_PREFIX = 'sk_';
export const API_KEY_NAME_MAX_LENGTH = 100;
export const MAX_API_KEYS_PER_USER = 20;

export interface ApiKeyDto {
  id: string;
  /** @example "ERP invoices" */
  name: string;
  /** The first characters of the key, to tell keys apart (e.g. `sk_Xb3kQ9aZ`); the rest is never shown again.
   * @example "sk_Xb3kQ9aZ" */
  prefix: string;
  owner: { id: string; name: string; email: string };
  createdAt: string;
  lastUsedAt: string | null;
}

/** The answer to creating a key: the only time `secret` is ever shown. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  secret: string;
}

export interface CreateApiKeyRequest {
  name: string;
}
