import type { PreparedStatements } from '../database';
import type { MailHealth } from '../email';
import { HealthService } from './health.service';

describe('HealthService', () => {
  it("says only that the database is down on the public route, never the driver's text", async () => {
    const failing = { run: () => Promise.reject(new Error('password authentication failed for user "sendas" at db.internal')) };
    const mail = { mailStatus: () => Promise.resolve({ status: 'up' as const, transport: 'dev-catcher' as const }) };
    const health = new HealthService(failing as unknown as PreparedStatements, { url: 'postgres://x', embedded: false }, mail as unknown as MailHealth);
    const result = await health.check();
    expect(result.database).toEqual({ status: 'down', embedded: false });
    expect(JSON.stringify(result)).not.toContain('sendas');
  });
});
