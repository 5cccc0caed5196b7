import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnv } from './env.validation';

describe('validateEnv', () => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'sendas-env-'));

  it('fills defaults for a bare development environment', () => {
    const env = validateEnv({ DATA_DIR });
    expect(env.PORT).toBe(3000);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.EMBEDDED_PG_DIR).toBe(join(DATA_DIR, 'pg'));
  });

  it('writes nothing: development secrets are generated where they are used', () => {
    const fresh = join(DATA_DIR, 'never-created');
    expect(validateEnv({ DATA_DIR: fresh }).JWT_SECRET).toBeUndefined();
    expect(existsSync(fresh)).toBe(false);
  });

  it('names the variable when a value is invalid', () => {
    expect(() => validateEnv({ DATA_DIR, PORT: 'abc' })).toThrow(/^PORT must /);
    expect(() => validateEnv({ DATA_DIR, DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });

  it.each([
    ['SECRETS_KEYS', 'k1:not-base64-s3cr3t-value'],
    ['JWT_SECRET', 's3cr3t-value'],
    ['SMTP_URL', 'smtp://user:s3cr3t-value@exa mple.com:587'],
    ['DATABASE_URL', 'postgres://sendas:s3cr3t-value@db:5432:5432/sendas'],
    ['SMTP_URL', 'http://user:s3cr3t-value@example.com'],
  ])('names %s but never echoes its value', (name, value) => {
    let message = '';
    try {
      validateEnv({ DATA_DIR, [name]: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(name);
    expect(message).not.toContain('s3cr3t');
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://db/sendas' }, 'JWT_SECRET'],
    [{ DATABASE_URL: 'postgres://db/sendas', JWT_SECRET: 'x'.repeat(32) }, 'SECRETS_KEYS'],
  ])('refuses production without %j → %s', (extra, missing) => {
    expect(() => validateEnv({ DATA_DIR, NODE_ENV: 'production', ...extra })).toThrow(`${missing} is required when NODE_ENV=production`);
  });

  it('takes a Microsoft tenant only when it proves whose account signed in (not common, organizations or consumers)', () => {
    for (const tenant of ['common', 'organizations', 'Consumers']) {
      expect(() => validateEnv({ DATA_DIR, MICROSOFT_OAUTH_TENANT: tenant })).toThrow(/^MICROSOFT_OAUTH_TENANT must be your tenant/);
    }
    expect(validateEnv({ DATA_DIR, MICROSOFT_OAUTH_TENANT: 'contoso.onmicrosoft.com' }).MICROSOFT_OAUTH_ISSUER).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
    );
  });

  it('rejects a short JWT secret', () => {
    expect(() => validateEnv({ DATA_DIR, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
  });

  it('does not seed demo data in production unless asked', () => {
    const base = {
      DATA_DIR,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/sendas',
      JWT_SECRET: 'x'.repeat(32),
      SECRETS_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    };
    expect(validateEnv(base).SEED_DEMO).toBe(false);
    expect(validateEnv({ ...base, SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('starts the organisation in Asia/Bangkok with the demo, in UTC without, and in ORG_TIME_ZONE when it is set', () => {
    expect(validateEnv({ DATA_DIR }).ORG_TIME_ZONE).toBe('Asia/Bangkok');
    expect(validateEnv({ DATA_DIR, SEED_DEMO: 'false' }).ORG_TIME_ZONE).toBe('UTC');
    expect(validateEnv({ DATA_DIR, ORG_TIME_ZONE: 'Europe/Berlin' }).ORG_TIME_ZONE).toBe('Europe/Berlin');
    expect(() => validateEnv({ DATA_DIR, ORG_TIME_ZONE: 'Mars/Olympus' })).toThrow(/ORG_TIME_ZONE must be an IANA time zone/);
  });
});
