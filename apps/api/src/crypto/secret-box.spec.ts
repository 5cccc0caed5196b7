import { generateSecretKey, parseSecretKeys, SecretBox, SecretUnreadableError } from './secret-box';

describe('SecretBox', () => {
  const k1 = generateSecretKey('k1');
  const k2 = generateSecretKey('k2');

  it('round-trips, with a fresh IV every time', () => {
    const box = new SecretBox(parseSecretKeys(k1));
    const a = box.encrypt('abcd efgh ijkl mnop');
    const b = box.encrypt('abcd efgh ijkl mnop');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:k1:[\w+/=]+:[\w+/=]+:[\w+/=]+$/);
    expect(a).not.toContain('abcd');
    expect(box.decrypt(a)).toBe('abcd efgh ijkl mnop');
    expect(box.decrypt(box.encrypt('ไทย ünïcode'))).toBe('ไทย ünïcode');
  });

  it('detects tampering in the ciphertext, the tag or the IV', () => {
    const box = new SecretBox(parseSecretKeys(k1));
    const parts = box.encrypt('secret-app-password').split(':');
    for (const index of [2, 3, 4]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index], 'base64');
      bytes[0] ^= 1;
      changed[index] = bytes.toString('base64');
      expect(() => box.decrypt(changed.join(':'))).toThrow(SecretUnreadableError);
    }
    expect(() => box.decrypt('plain-text-password')).toThrow(SecretUnreadableError);
  });

  it('decrypts with an old key, encrypts with the first, and refuses an unknown key', () => {
    const old = new SecretBox(parseSecretKeys(k1));
    const sealedWithK1 = old.encrypt('pw');
    const rotated = new SecretBox(parseSecretKeys(`${k2},${k1}`));
    expect(rotated.decrypt(sealedWithK1)).toBe('pw');
    expect(rotated.needsRotation(sealedWithK1)).toBe(true);
    const resealed = rotated.encrypt('pw');
    expect(resealed.startsWith('v1:k2:')).toBe(true);
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(() => new SecretBox(parseSecretKeys(k2)).decrypt(sealedWithK1)).toThrow(/key "k1" is not in SECRETS_KEYS/);
  });

  it('rejects malformed keys', () => {
    expect(() => parseSecretKeys('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseSecretKeys(`${k1},${k1}`)).toThrow(/repeated/);
  });
});
