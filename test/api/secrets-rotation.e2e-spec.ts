import { DataSource } from 'typeorm';
import { generateSecretKey, parseSecretKeys, SecretBox } from '../../apps/api/src/crypto/secret-box';
import { rotateSecrets } from '../../apps/api/src/crypto/secret-rotation';
import { ENCRYPTED_COLUMNS } from '../../apps/api/src/mailboxes/mailbox.entity';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Secret rotation (e2e, real database)', () => {
  const oldKey = generateSecretKey('old');
  const newKey = generateSecretKey('new');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ SECRETS_KEYS: oldKey });
  });
  afterAll(() => t.close());

  it('moves every stored password to the new key, in batches, and a second run changes nothing', async () => {
    const passwords = new Map<string, string>();
    for (let i = 0; i < 5; i++) {
      const user = await t.createUser('sales');
      const { accessToken } = await t.login(user.email);
      const password = `app-password-${i}`;
      await t.http().put('/api/users/me/smtp').auth(accessToken, { type: 'bearer' }).send({ provider: 'gmail', password }).expect(200);
      passwords.set(user.id, password);
    }
    const dataSource = t.app.get(DataSource);
    const ids = [...passwords.keys()];
    const read = (): Promise<Array<{ user_id: string; password_enc: string }>> =>
      dataSource.query('SELECT user_id, password_enc FROM mailboxes WHERE user_id = ANY($1)', [ids]);
    expect((await read()).every((row) => row.password_enc.startsWith('v1:old:'))).toBe(true);

    const rotated = new SecretBox(parseSecretKeys(`${newKey},${oldKey}`));
    const report = await rotateSecrets(dataSource, rotated, ENCRYPTED_COLUMNS, 2);
    expect(report.rotated).toBeGreaterThanOrEqual(5);
    // other test files share this database with their own keys: their rows are reported, never altered
    const ours: Array<{ id: string }> = await dataSource.query('SELECT id FROM mailboxes WHERE user_id = ANY($1)', [ids]);
    expect(report.unreadable.filter((row) => ours.some((own) => own.id === row.id))).toEqual([]);

    const onlyNew = new SecretBox(parseSecretKeys(newKey));
    for (const row of await read()) {
      expect(row.password_enc.startsWith('v1:new:')).toBe(true);
      expect(onlyNew.decrypt(row.password_enc)).toBe(passwords.get(row.user_id));
    }
    const again = await rotateSecrets(dataSource, rotated, ENCRYPTED_COLUMNS, 2);
    expect(again.rotated).toBe(0);
  });
});
