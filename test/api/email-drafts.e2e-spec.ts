import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@sendas/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('Unsent messages of the Send dialog (e2e)', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let pom: string;
  let keith: string;
  let admin: string;
  let quote: { id: string; number: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login((await t.createUser('admin')).email)).accessToken;
    pom = (await t.login((await t.createUser('sales')).email)).accessToken;
    keith = (await t.login((await t.createUser('sales')).email)).accessToken;
    const company = await t
      .http()
      .post('/api/companies')
      .set(bearer(admin))
      .send({ name: `Drafts ${randomUUID().slice(0, 6)}`, country: 'TH' })
      .expect(201);
    await t
      .http()
      .post(`/api/companies/${company.body.id}/contacts`)
      .set(bearer(admin))
      .send({ name: 'Somchai', email: 'somchai@siam.example', isPrimary: true });
    quote = (
      await t
        .http()
        .post('/api/quotes')
        .set(bearer(pom))
        .send({ companyId: company.body.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100.00', taxRate: 7 }] })
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  const draftOf = async (token: string) => (await t.http().get(`/api/quotes/${quote.id}/email-draft`).set(bearer(token)).expect(200)).body;
  const message = {
    subject: 'Our offer, as discussed',
    body: 'Dear Somchai,\n\nAs promised on the phone…',
    selected: ['somchai@siam.example'],
    extra: ['gm@siam.example'],
    cc: [],
    bcc: ['boss@bmasiamusic.com'],
    onBehalfOfUserId: null,
  };

  it("keeps a person's unsent message for the document until they discard it, and only for them", async () => {
    expect((await draftOf(pom)).saved).toBeNull();
    const kept = await t.http().put(`/api/quotes/${quote.id}/email-draft/saved`).set(bearer(pom)).send(message).expect(200);
    expect(kept.body).toEqual({ ...message, updatedAt: expect.any(String) });
    expect((await draftOf(pom)).saved).toEqual(kept.body);
    expect((await draftOf(admin)).saved).toBeNull(); // the admin sees the document, not Pom's message

    await t.http().delete(`/api/quotes/${quote.id}/email-draft/saved`).set(bearer(pom)).expect(204);
    expect((await draftOf(pom)).saved).toBeNull();
  });

  it('lets it go once the document was sent after it was kept', async () => {
    await t.http().put(`/api/quotes/${quote.id}/email-draft/saved`).set(bearer(pom)).send(message).expect(200);
    await t
      .http()
      .post(`/api/quotes/${quote.id}/send`)
      .set(bearer(pom))
      .send({ recipients: ['somchai@siam.example'], subject: message.subject, body: message.body })
      .expect(201);
    expect((await draftOf(pom)).saved).toBeNull();
  });

  it('refuses what could not be sent anyway, per field, and anyone who may not send the document', async () => {
    const refused = await t
      .http()
      .put(`/api/quotes/${quote.id}/email-draft/saved`)
      .set(bearer(pom))
      .send({ ...message, extra: ['not an address'] })
      .expect(400);
    expect(refused.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field: 'extra' })] });
    const stranger = await t.http().put(`/api/quotes/${quote.id}/email-draft/saved`).set(bearer(keith)).send(message).expect(404);
    expect(stranger.body.code).toBe(ErrorCode.DOCUMENT_NOT_FOUND);
  });
});
