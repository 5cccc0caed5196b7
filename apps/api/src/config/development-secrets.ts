import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A secret generated once into the data folder (mode 0600) and read from there on every later start, for what
 * a development machine would otherwise have to configure (JWT secret, encryption key, dev SMTP password).
 * Production configures all of them: validation refuses to start without.
 */
export function developmentSecret(dataDir: string, name: string, generate = () => randomBytes(48).toString('base64url')): string {
  const file = join(resolve(dataDir), name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(resolve(dataDir), { recursive: true });
  const secret = generate();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
