import { createHash, randomBytes } from 'node:crypto';

/** A random 256-bit secret for a cookie, a mailed link or an API key (base64url, safe in URLs and headers). */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** The SHA-256 (hex) under which a secret token is stored and looked up: the token itself is never kept. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
