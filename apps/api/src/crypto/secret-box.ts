import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** A stored secret that cannot be decrypted: tampered, truncated or under a key we no longer have. */
export class SecretUnreadableError extends Error {
  constructor(reason: string) {
    super(`Stored secret cannot be read: ${reason}`);
  }
}

/** Parses `k2:<base64 32 bytes>,k1:<...>`; the first key encrypts, all of them decrypt. */
export function parseSecretKeys(value: string): SecretKey[] {
  const keys = value.split(',').map((part) => {
    const [id, encoded] = part.trim().split(':');
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || key.length !== KEY_BYTES) throw new Error(`SECRETS_KEYS entry "${id}" must be <id>:<base64 of 32 bytes>`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('SECRETS_KEYS has a repeated key id');
  return keys;
}

export function generateSecretKey(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * AES-256-GCM with a random IV per encryption, stored as `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts).
 * The auth tag is checked on decrypt, so a changed byte is an error, never garbage.
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: SecretKey[]) {
    if (!keys.length) throw new Error('SecretBox needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get primaryKeyId(): string {
    return this.keys[0].id;
  }

  encrypt(plaintext: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, id, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(envelope: string): string {
    const [version, keyId, iv, tag, ciphertext, ...rest] = envelope.split(':');
    if (version !== VERSION || rest.length || ciphertext === undefined) throw new SecretUnreadableError('unknown format');
    const key = this.byId.get(keyId);
    if (!key) throw new SecretUnreadableError(`key "${keyId}" is not in SECRETS_KEYS`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError('it was changed or corrupted');
    }
  }

  /** How every envelope sealed now begins; one sealed otherwise needs rotating. */
  get currentEnvelopePrefix(): string {
    return `${VERSION}:${this.primaryKeyId}:`;
  }

  needsRotation(envelope: string): boolean {
    return !envelope.startsWith(this.currentEnvelopePrefix);
  }
}
