import { ErrorCode } from '@sendas/contracts';
import type { Repository } from 'typeorm';
import type { AppException } from '../common';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** The users table in memory: the few Repository calls UsersService makes, each on a copy (as rows from a database are). */
function usersTable(rows: User[]) {
  const table = new Map(rows.map((row) => [row.id, row]));
  const copy = (row: User | undefined) => (row ? Object.assign(new User(), row) : null);
  const matches = (row: User, where: Partial<User>) => Object.entries(where).every(([key, value]) => row[key as keyof User] === value);
  let reads = 0;
  const repository = {
    findOneBy: async (where: Partial<User>) => (reads++, copy([...table.values()].find((row) => matches(row, where)))),
    existsBy: async (where: Partial<User>) => [...table.values()].some((row) => matches(row, where)),
    save: async (user: User) => (table.set(user.id, copy(user)!), user),
    findOne: async ({ where }: { where: Partial<User> }) => copy([...table.values()].find((row) => matches(row, where))),
  };
  return { repository: repository as unknown as Repository<User>, row: (id: string) => table.get(id)!, reads: () => reads };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppException) => error.getResponse() as { code: string },
  );

describe('UsersService', () => {
  const hasher = new PasswordHasher();
  let pom: User;
  let kate: User;

  beforeAll(async () => {
    const base = { signature: '', timeZone: 'Asia/Bangkok', sessionVersion: 0, active: true, createdAt: new Date(), updatedAt: new Date() };
    pom = Object.assign(new User(), {
      ...base,
      id: 'pom',
      email: 'pom@bmasiamusic.com',
      name: 'Pom',
      role: 'sales',
      passwordHash: await hasher.hash('pom-password'),
    });
    kate = Object.assign(new User(), {
      ...base,
      id: 'kate',
      email: 'kate@bmasiamusic.com',
      name: 'Kate',
      role: 'superuser',
      passwordHash: await hasher.hash('kate-password'),
    });
  });

  it('gives the principal of an active user without its secrets, frozen, and reuses it between requests', async () => {
    const table = usersTable([pom, { ...kate, active: false } as User]);
    const users = new UsersService(table.repository, hasher);
    const principal = await users.findActive('pom');
    expect(principal).toEqual({
      id: 'pom',
      email: 'pom@bmasiamusic.com',
      name: 'Pom',
      role: 'sales',
      timeZone: 'Asia/Bangkok',
      signature: '',
      sessionVersion: 0,
    });
    expect(Object.isFrozen(principal)).toBe(true);
    expect(await users.findActive('pom')).toBe(principal);
    expect(table.reads()).toBe(1);
    expect(await users.findActive('kate')).toBeNull();
  });

  it('forgets the reused principal when the user changes, so the next request sees the change', async () => {
    const table = usersTable([pom, kate]);
    const users = new UsersService(table.repository, hasher);
    const before = await users.findActive('pom');
    await users.updateProfile('pom', { name: 'Pom S.' });
    expect((await users.findActive('pom'))?.name).toBe('Pom S.');
    expect(before?.name).toBe('Pom');
    await users.update('pom', { active: false }, (await users.findActive('kate'))!);
    expect(await users.findActive('pom')).toBeNull();
  });

  it('does not let a superuser demote or deactivate themself', async () => {
    const users = new UsersService(usersTable([pom, kate]).repository, hasher);
    const actor = (await users.findActive('kate'))!;
    expect(await refusal(users.update('kate', { role: 'sales' }, actor))).toMatchObject({ code: ErrorCode.USER_CANNOT_DEMOTE_SELF });
    expect(await refusal(users.update('kate', { active: false }, actor))).toMatchObject({ code: ErrorCode.USER_CANNOT_DEMOTE_SELF });
    expect((await users.update('kate', { name: 'Kate B.' }, actor)).name).toBe('Kate B.');
  });

  it('ends every session of a user whose password changes or who is deactivated, and no other', async () => {
    const table = usersTable([pom, kate]);
    const users = new UsersService(table.repository, hasher);
    const actor = (await users.findActive('kate'))!;
    await users.update('pom', { name: 'Pom' }, actor);
    expect(table.row('pom').sessionVersion).toBe(0);
    await users.update('pom', { password: 'a-new-password' }, actor);
    expect(table.row('pom').sessionVersion).toBe(1);
    expect(await users.authenticate('pom@bmasiamusic.com', 'a-new-password')).toMatchObject({ id: 'pom' });
    await users.update('pom', { active: false }, actor);
    expect(table.row('pom').sessionVersion).toBe(2);
  });

  it('changes one’s own password only with the current one', async () => {
    const table = usersTable([pom]);
    const users = new UsersService(table.repository, hasher);
    const principal = (await users.findActive('pom'))!;
    expect(await users.changePassword(principal, 'wrong', 'another-password')).toBeNull();
    expect(table.row('pom').sessionVersion).toBe(0);
    expect(await users.changePassword(principal, 'pom-password', 'another-password')).toMatchObject({ id: 'pom', sessionVersion: 1 });
    expect(await users.authenticate('POM@bmasiamusic.com ', 'another-password')).toMatchObject({ id: 'pom' });
    expect(await users.authenticate('pom@bmasiamusic.com', 'pom-password')).toBeNull();
  });
});
