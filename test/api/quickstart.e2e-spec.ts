import type { AddressInfo } from 'node:net';
import { sendOldestDraftInvoice } from '../../examples/send-invoice';
import { createTestApp, type TestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** examples/send-invoice.ts, the README's quickstart, run as it is against the app listening on a port. */
describe('The quickstart (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('lists invoices, gets the draft, sends once with an Idempotency-Key and reads the history, with an API key', async () => {
    const keith = await t.createUser('sales', { name: 'Keith' });
    const token = (await t.login(keith.email)).accessToken;
    const company = await t.http().post('/api/companies').set(bearer(token)).send({ name: 'Quickstart Trading', country: 'TH' }).expect(201);
    await t
      .http()
      .post(`/api/companies/${company.body.id}/contacts`)
      .set(bearer(token))
      .send({ name: 'Malee Srisuk', email: 'accounts@quickstart.example', isBilling: true })
      .expect(201);
    const invoice = await t
      .http()
      .post('/api/invoices')
      .set(bearer(token))
      .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Annual licence', quantity: 1, unitPrice: '12000.00', taxRate: 7 }] })
      .expect(201);
    const key = await t.http().post('/api/users/me/api-keys').set(bearer(token)).send({ name: 'Quickstart' }).expect(201);

    const lines: string[] = [];
    const result = await sendOldestDraftInvoice(baseUrl, key.body.secret, (line) => lines.push(line));

    expect(result.invoice.id).toBe(invoice.body.id);
    expect(result.sent.accepted).toEqual(['accounts@quickstart.example']);
    expect(result.history[0]).toMatchObject({ status: 'sent', apiKey: 'Quickstart', actor: { id: keith.id } });
    expect(lines.join('\n')).toContain(`Invoice ${invoice.body.number as string} for Quickstart Trading`);
    const after = await t
      .http()
      .get(`/api/invoices/${invoice.body.id as string}`)
      .set(bearer(token))
      .expect(200);
    expect(after.body.status).toBe('sent');
  });
});
