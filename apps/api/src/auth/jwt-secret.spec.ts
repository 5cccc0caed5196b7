import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtSecretFrom } from './jwt-secret';

describe('jwtSecretFrom', () => {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'sendas-jwt-'));

  it('uses JWT_SECRET when set', () => {
    expect(jwtSecretFrom({ DATA_DIR, JWT_SECRET: 'x'.repeat(32) })).toBe('x'.repeat(32));
  });

  it('generates a development secret once, readable by this user only, and keeps it across starts', () => {
    const secret = jwtSecretFrom({ DATA_DIR });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(jwtSecretFrom({ DATA_DIR })).toBe(secret);
    expect(statSync(join(DATA_DIR, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });
});
