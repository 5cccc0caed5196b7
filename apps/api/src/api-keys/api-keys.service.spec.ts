import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ErrorCode, MAX_API_KEYS_PER_USER } from '@sendas/contracts';
import { AuditEvent, AuditLog } from '../audit';
import { PreparedStatements } from '../database';
import { toAuthUser, User } from '../users';
import { ApiKey } from './api-key.entity';
import { ApiKeys } from './api-keys.service';
import { openTestDatabase } from '../../../../test/support/test-database';

/** ApiKeys on the test run's real database (its own users, so other test files are untouched). */
describe('ApiKeys', () => {
  let dataSource: DataSource;
  let keys: ApiKeys;

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    keys = new ApiKeys(
      dataSource.getRepository(ApiKey),
      dataSource,
      PreparedStatements.unnamed(dataSource),
      new AuditLog(dataSource.getRepository(AuditEvent)),
    );
  });
  afterAll(() => dataSource.destroy());

  async function owner(): Promise<User> {
    const email = `keys-${randomUUID()}@example.com`;
    return dataSource.getRepository(User).save({ email, name: 'Key Owner', role: 'sales', passwordHash: 'not-a-hash' });
  }

  it('authenticates a key as its owner with the key on the principal, and never by its prefix or after a revoke', async () => {
    const user = await owner();
    const created = await keys.create(toAuthUser(user), 'ERP');
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect(await keys.authenticate(created.secret)).toMatchObject({ id: user.id, email: user.email, apiKey: { id: created.id, name: 'ERP' } });
    expect(await keys.authenticate(created.prefix)).toBeNull();
    await keys.revoke(created.id, toAuthUser(user), user.id);
    expect(await keys.authenticate(created.secret)).toBeNull();
    await expect(keys.revoke(created.id, toAuthUser(user), user.id)).rejects.toMatchObject({ response: { code: ErrorCode.API_KEY_NOT_FOUND } });
  });

  it("stops every key made before the owner's password changed or they were deactivated", async () => {
    const user = await owner();
    const created = await keys.create(toAuthUser(user), 'Zapier');
    await dataSource.getRepository(User).update(user.id, { sessionVersion: user.sessionVersion + 1 });
    expect(await keys.authenticate(created.secret)).toBeNull();
    expect(await keys.isValid(created.id)).toBe(false);

    const other = await owner();
    const second = await keys.create(toAuthUser(other), 'CI');
    await dataSource.getRepository(User).update(other.id, { active: false });
    expect(await keys.isValid(second.id)).toBe(false);
  });

  it('notes when a key was last used at most once a minute', async () => {
    const user = await owner();
    const created = await keys.create(toAuthUser(user), 'Reports');
    const lastUsed = async () => (await dataSource.getRepository(ApiKey).findOneByOrFail({ id: created.id })).lastUsedAt;
    await keys.authenticate(created.secret);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await keys.authenticate(created.secret);
    expect(await lastUsed()).toEqual(first);
  });

  it(`keeps an owner to ${MAX_API_KEYS_PER_USER} active keys, also when they are created at once`, async () => {
    const user = await owner();
    const principal = toAuthUser(user);
    const results = await Promise.allSettled(Array.from({ length: MAX_API_KEYS_PER_USER + 3 }, (_, n) => keys.create(principal, `key ${n}`)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(MAX_API_KEYS_PER_USER);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(refused.map((result) => (result.reason as { response: { code: string } }).response.code)).toEqual(Array(3).fill(ErrorCode.API_KEY_LIMIT_REACHED));
  });
});
