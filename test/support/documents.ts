import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * A new customer (made by `admin`) with one primary contact, and a draft quote of one line owned by `owner`.
 * For tests about sending, where the document itself does not matter.
 */
export async function draftQuote(
  t: TestApp,
  admin: { token: string },
  owner: { token: string },
  contact: { name: string; email: string },
): Promise<{ id: string; number: string }> {
  const company = await t
    .http()
    .post('/api/companies')
    .set(bearer(admin.token))
    .send({ name: `Customer ${randomUUID().slice(0, 8)}`, country: 'TH' })
    .expect(201);
  await t
    .http()
    .post(`/api/companies/${company.body.id}/contacts`)
    .set(bearer(admin.token))
    .send({ ...contact, isPrimary: true })
    .expect(201);
  const created = await t
    .http()
    .post('/api/quotes')
    .set(bearer(owner.token))
    .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100.00', taxRate: 7 }] })
    .expect(201);
  return created.body as { id: string; number: string };
}
