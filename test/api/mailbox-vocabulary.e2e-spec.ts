import { DataSource } from 'typeorm';
import { MailboxVocabulary1766448000000 } from '../../apps/api/src/database/migrations/1766448000000-MailboxVocabulary';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Migration MailboxVocabulary (e2e, real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('renames smtp_credentials to mailboxes and moves the audit rows written before, so a mailbox keeps its history', async () => {
    const user = await t.createUser('sales');
    const { accessToken } = await t.login(user.email);
    await t.http().put('/api/users/me/smtp').auth(accessToken, { type: 'bearer' }).send({ provider: 'gmail', password: 'abcd efgh ijkl mnop' }).expect(200);
    await t.http().put('/api/users/me/smtp').auth(accessToken, { type: 'bearer' }).send({ provider: 'gmail', fromName: 'Pom S.' }).expect(200);

    const runner = t.app.get(DataSource).createQueryRunner();
    const auditRows = () => runner.query(`SELECT subject_type, action FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, action`, [user.id]);
    const dailyLimitGuard = async () =>
      ((await runner.query(`SELECT prosrc FROM pg_proc WHERE proname = 'email_messages_daily_limit'`)) as Array<{ prosrc: string }>)[0].prosrc;
    // Other test files share this database: everything here is undone.
    await runner.startTransaction();
    try {
      const migration = new MailboxVocabulary1766448000000();
      await migration.down(runner);
      expect(await auditRows()).toEqual([
        { subject_type: 'smtp_credential', action: 'smtp_credential.created' },
        { subject_type: 'smtp_credential', action: 'smtp_credential.updated' },
      ]);
      expect(await dailyLimitGuard()).toContain('FROM smtp_credentials c');

      await migration.up(runner);
      expect(await auditRows()).toEqual([
        { subject_type: 'mailbox', action: 'mailbox.created' },
        { subject_type: 'mailbox', action: 'mailbox.updated' },
      ]);
      expect(await dailyLimitGuard()).toContain('FROM mailboxes c');
      expect(await runner.query(`SELECT to_regclass('smtp_credentials') AS old, to_regclass('mailboxes') AS new`)).toEqual([{ old: null, new: 'mailboxes' }]);
      const constraints = (await runner.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'mailboxes'::regclass ORDER BY conname`)) as Array<{
        conname: string;
      }>;
      expect(constraints.map((row) => row.conname).filter((name) => name.includes('smtp'))).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const superuser = await t.createUser('superuser');
    const history = await t
      .http()
      .get(`/api/users/${user.id}/smtp/history`)
      .auth((await t.login(superuser.email)).accessToken, { type: 'bearer' })
      .expect(200);
    expect(history.body.map((event: { action: string }) => event.action)).toEqual(['mailbox.updated', 'mailbox.created']);
  });
});
