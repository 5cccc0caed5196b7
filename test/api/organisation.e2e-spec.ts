import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, type OrganisationSettingsDto } from '@sendas/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Organisation settings (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let salesToken: string;
  let before: OrganisationSettingsDto;

  beforeAll(async () => {
    t = await createTestApp();
    superToken = (await t.login((await t.createUser('superuser', { name: 'Norbert' })).email)).accessToken;
    salesToken = (await t.login((await t.createUser('sales')).email)).accessToken;
    before = (await t.http().get('/api/organisation').auth(salesToken, { type: 'bearer' }).expect(200)).body;
  });
  // other test files share this database: leave the settings as they were
  afterAll(async () => {
    await t.http().put('/api/organisation').auth(superToken, { type: 'bearer' }).send({ timeZone: before.timeZone, workingDays: before.workingDays });
    await t.close();
  });

  it('lets a superuser set the zone and working week, and a user created after starts in that zone', async () => {
    const saved = await t
      .http()
      .put('/api/organisation')
      .auth(superToken, { type: 'bearer' })
      .send({ timeZone: 'Asia/Bangkok', workingDays: [6, 1, 2, 3, 4, 5] })
      .expect(200);
    expect(saved.body).toMatchObject({ timeZone: 'Asia/Bangkok', workingDays: [1, 2, 3, 4, 5, 6], updatedBy: { name: 'Norbert' } });
    const read = await t.http().get('/api/organisation').auth(salesToken, { type: 'bearer' }).expect(200);
    expect(read.body).toEqual(saved.body);

    const created = await t
      .http()
      .post('/api/users')
      .auth(superToken, { type: 'bearer' })
      .send({ email: `ploy-${randomUUID()}@test.example`, name: 'Ploy', role: 'sales', password: 'first-password-1' })
      .expect(201);
    expect(created.body.timeZone).toBe('Asia/Bangkok');

    const [audit] = await t.app
      .get(DataSource)
      .query(`SELECT details FROM audit_events WHERE action = 'organisation.updated' ORDER BY occurred_at DESC LIMIT 1`);
    expect(audit.details.timeZone).toEqual([expect.any(String), 'Asia/Bangkok']);
  });

  it('refuses a zone that does not exist and an empty or unknown working day, per field, changing nothing', async () => {
    const current = (await t.http().get('/api/organisation').auth(superToken, { type: 'bearer' }).expect(200)).body;
    for (const [body, field] of [
      [{ timeZone: 'Asia/Atlantis', workingDays: [1] }, 'timeZone'],
      [{ timeZone: 'UTC', workingDays: [] }, 'workingDays'],
      [{ timeZone: 'UTC', workingDays: [0, 8] }, 'workingDays'],
    ] as const) {
      const refused = await t.http().put('/api/organisation').auth(superToken, { type: 'bearer' }).send(body).expect(400);
      expect(refused.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field })] });
    }
    expect((await t.http().get('/api/organisation').auth(superToken, { type: 'bearer' }).expect(200)).body).toEqual(current);
  });

  it('lets only superusers change them', async () => {
    const refused = await t
      .http()
      .put('/api/organisation')
      .auth(salesToken, { type: 'bearer' })
      .send({ timeZone: 'UTC', workingDays: [1] })
      .expect(403);
    expect(refused.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
  });
});
