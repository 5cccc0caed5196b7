import { randomUUID } from 'node:crypto';
import { pdfText } from '../support/pdf-text';
import { DataSource } from 'typeorm';
import { DOCUMENT_PATHS, type DocumentType, ErrorCode } from '@sendas/contracts';
import { renderDocumentPdf } from '../../apps/api/src/documents/pdf/document-pdf.renderer';
import { Env } from '../../apps/api/src/config';
import type { User } from '../../apps/api/src/users/user.entity';
import { binary } from '../support/http';
import { createTestApp, type TestApp } from '../support/test-app';

const TYPES: DocumentType[] = ['quote', 'contract', 'invoice'];
const LINE = { description: 'Background music licence', quantity: 1, unitPrice: '100.00', taxRate: 7 };
/** `iso` (YYYY-MM-DD) plus `days`, in UTC like the server. */
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('Documents (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<'superuser' | 'admin' | 'sales' | 'otherSales' | 'finance', string>;
  const users = {} as Record<keyof typeof tokens, User>;

  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });

  async function company(who: keyof typeof tokens = 'admin', extra: object = {}) {
    const response = await t
      .http()
      .post('/api/companies')
      .set(as(who))
      .send({ name: `Customer ${randomUUID().slice(0, 8)}`, country: 'TH', ...extra })
      .expect(201);
    return response.body as { id: string; name: string };
  }

  function create(type: DocumentType, who: keyof typeof tokens, body: object) {
    return t
      .http()
      .post(`/api/${DOCUMENT_PATHS[type]}`)
      .set(as(who))
      .send({ currency: 'THB', lines: [LINE], ...body });
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const [key, role] of [
      ['superuser', 'superuser'],
      ['admin', 'admin'],
      ['sales', 'sales'],
      ['otherSales', 'sales'],
      ['finance', 'finance'],
    ] as const) {
      users[key] = await t.createUser(role);
      tokens[key] = (await t.login(users[key].email)).accessToken;
    }
  });
  afterAll(() => t.close());

  describe.each(TYPES)('access to documents of type %s', (type) => {
    const path = `/api/${DOCUMENT_PATHS[type]}`;
    let own: string;
    let managed: string;
    let stranger: string;
    let managedCompany: string;

    beforeAll(async () => {
      const neutral = await company('admin');
      managedCompany = (await company('admin', { accountManagerId: users.sales.id })).id;
      own = (await create(type, 'sales', { companyId: neutral.id }).expect(201)).body.id;
      managed = (await create(type, 'admin', { companyId: managedCompany }).expect(201)).body.id;
      stranger = (await create(type, 'admin', { companyId: neutral.id }).expect(201)).body.id;
    });

    it('lets sales see and change what they own or whose company they manage, and nothing else (404, not 403)', async () => {
      await t.http().get(`${path}/${own}`).set(as('sales')).expect(200);
      await t.http().get(`${path}/${managed}`).set(as('sales')).expect(200);
      for (const request of [
        t.http().get(`${path}/${stranger}`),
        t.http().patch(`${path}/${stranger}`).send({ notes: 'mine now' }),
        t.http().get(`${path}/${stranger}/pdf`),
        t.http().get(`${path}/${randomUUID()}`),
      ]) {
        const response = await request.set(as('sales'));
        expect(response.status).toBe(404);
        expect(response.body.code).toBe(ErrorCode.DOCUMENT_NOT_FOUND);
      }
      const list = await t.http().get(path).query({ pageSize: 100, sort: '-date' }).set(as('sales')).expect(200);
      const ids = list.body.items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([own, managed]));
      expect(ids).not.toContain(stranger);
      expect(list.body.items.filter((item: { id: string }) => [own, managed].includes(item.id)).map((item: { canEdit: boolean }) => item.canEdit)).toEqual([
        true,
        true,
      ]);
      const otherSales = await t.http().get(path).query({ companyId: managedCompany }).set(as('otherSales')).expect(200);
      expect(otherSales.body.total).toBe(0);
    });

    it(`lets finance ${type === 'invoice' ? 'read and change' : 'only read'} it`, async () => {
      const read = await t.http().get(`${path}/${stranger}`).set(as('finance')).expect(200);
      expect(read.body.canEdit).toBe(type === 'invoice');
      // The list says the same, so it offers Send and edit only where the detail page would.
      const listed = await t.http().get(path).query({ pageSize: 100 }).set(as('finance')).expect(200);
      expect(listed.body.items.find((item: { id: string }) => item.id === stranger).canEdit).toBe(type === 'invoice');
      const change = await t.http().patch(`${path}/${stranger}`).set(as('finance')).send({ notes: 'checked' });
      expect(change.status).toBe(type === 'invoice' ? 200 : 403);
      if (type !== 'invoice') expect(change.body.code).toBe(ErrorCode.DOCUMENT_READ_ONLY);
      const created = await create(type, 'finance', { companyId: (await company()).id });
      expect(created.status).toBe(type === 'invoice' ? 201 : 403);
    });

    it('lets admins and superusers see and change everything', async () => {
      for (const who of ['admin', 'superuser'] as const) {
        await t.http().get(`${path}/${own}`).set(as(who)).expect(200);
        const changed = await t
          .http()
          .patch(`${path}/${own}`)
          .set(as(who))
          .send({ notes: `seen by ${who}` })
          .expect(200);
        expect(changed.body.notes).toBe(`seen by ${who}`);
        // and the change is kept: the owner reads it back
        expect((await t.http().get(`${path}/${own}`).set(as('sales')).expect(200)).body.notes).toBe(`seen by ${who}`);
      }
    });
  });

  it('computes totals exactly on the server: 3 x 19.99 with 7% tax', async () => {
    const { id } = await company();
    const response = await create('quote', 'sales', {
      companyId: id,
      lines: [{ description: 'Zone licence', quantity: 3, unitPrice: '19.99', taxRate: 7 }],
    }).expect(201);
    expect(response.body).toMatchObject({ subtotal: '59.97', taxTotal: '4.20', total: '64.17', status: 'draft' });
    expect(response.body.lines[0]).toMatchObject({ quantity: '3.000', unitPrice: '19.99', netAmount: '59.97', taxAmount: '4.20' });
    expect(response.body.number).toMatch(/^Q-\d{4}-\d{4,}$/);
    expect(response.body.validUntil).toBe(plusDays(response.body.issueDate, 30));
  });

  it('fills the dates a document leaves out from its issue date, and the issue date from today', async () => {
    const { id } = await company();
    const issueDate = '2026-01-31';
    const quote = (await create('quote', 'admin', { companyId: id, issueDate }).expect(201)).body;
    expect(quote).toMatchObject({ issueDate, validUntil: '2026-03-02' });
    const invoice = (await create('invoice', 'admin', { companyId: id, issueDate }).expect(201)).body;
    expect(invoice).toMatchObject({ issueDate, dueDate: '2026-03-02' });
    const contract = (await create('contract', 'admin', { companyId: id, issueDate }).expect(201)).body;
    expect(contract).toMatchObject({ issueDate, startDate: issueDate, endDate: '2027-01-30' });
    const later = (await create('contract', 'admin', { companyId: id, issueDate, startDate: '2026-03-01' }).expect(201)).body;
    expect(later).toMatchObject({ startDate: '2026-03-01', endDate: '2027-02-28' });
    // given dates are kept
    const given = (await create('quote', 'admin', { companyId: id, issueDate, validUntil: '2026-02-14' }).expect(201)).body;
    expect(given.validUntil).toBe('2026-02-14');

    const before = new Date().toISOString().slice(0, 10);
    const undated = (await create('invoice', 'admin', { companyId: id }).expect(201)).body;
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(undated.issueDate);
    expect(undated.dueDate).toBe(plusDays(undated.issueDate, 30));
  });

  it('takes a line discount off before tax, exactly, and prints it under the line', async () => {
    const { id } = await company();
    const quote = (
      await create('quote', 'admin', {
        companyId: id,
        lines: [{ description: 'Zone licence', quantity: 2, unitPrice: '100.00', discountPercent: '12.5', taxRate: 7 }],
      }).expect(201)
    ).body;
    expect(quote).toMatchObject({ subtotal: '175.00', taxTotal: '12.25', total: '187.25' });
    expect(quote.lines[0]).toMatchObject({ discountPercent: '12.50', netAmount: '175.00' });
    const pdf = await binary(t.http().get(`/api/quotes/${quote.id}/pdf`).set(as('admin'))).expect(200);
    expect((await pdfText(pdf.body as Buffer)).text).toContain('Less 12.5% discount');
    const tooMuch = await create('quote', 'admin', { companyId: id, lines: [{ ...LINE, discountPercent: 101 }] });
    expect(tooMuch.body.details[0].field).toMatch(/discountPercent/);
    // a total the database could not hold is a 400 on the lines, not a 500
    const overflowing = await create('quote', 'admin', { companyId: id, lines: [{ ...LINE, quantity: 1_000_000, unitPrice: '999999999.99' }] });
    expect(overflowing.status).toBe(400);
    expect(overflowing.body.details).toEqual([{ field: 'lines', messages: ['The total is too large: a document holds at most 999,999,999,999.99.'] }]);
  });

  it("prices in the currency's smallest unit: no decimals for yen, and a currency change re-prices the lines", async () => {
    const { id } = await company('admin');
    const fractional = await create('quote', 'admin', {
      companyId: id,
      currency: 'JPY',
      lines: [{ description: 'Licence', quantity: 3, unitPrice: '19.99', taxRate: 7 }],
    });
    expect(fractional.status).toBe(400);
    expect(fractional.body.details).toEqual([{ field: 'lines.0.unitPrice', messages: ['JPY prices have no decimals'] }]);

    const yen = (
      await create('quote', 'admin', { companyId: id, currency: 'JPY', lines: [{ description: 'Licence', quantity: 3, unitPrice: '333', taxRate: 7 }] }).expect(
        201,
      )
    ).body;
    expect(yen).toMatchObject({ subtotal: '999.00', taxTotal: '70.00', total: '1069.00' });
    const pdf = await binary(t.http().get(`/api/quotes/${yen.id}/pdf`).set(as('admin'))).expect(200);
    expect((await pdfText(pdf.body as Buffer)).text).toMatch(/1,069(?!\.)/);

    const baht = await t.http().patch(`/api/quotes/${yen.id}`).set(as('admin')).send({ currency: 'THB' }).expect(200);
    expect(baht.body).toMatchObject({ currency: 'THB', taxTotal: '69.93', total: '1068.93' });
    await t
      .http()
      .patch(`/api/quotes/${yen.id}`)
      .set(as('admin'))
      .send({ lines: [{ description: 'Licence', quantity: 1, unitPrice: '10.50', taxRate: 7 }] })
      .expect(200);
    const back = await t.http().patch(`/api/quotes/${yen.id}`).set(as('admin')).send({ currency: 'JPY' });
    expect(back.status).toBe(400);
    expect(back.body.details).toEqual([{ field: 'currency', messages: ['JPY prices have no decimals: change the unit prices of line 1 first.'] }]);
    expect((await t.http().get(`/api/quotes/${yen.id}`).set(as('admin')).expect(200)).body).toMatchObject({ currency: 'THB', total: '11.24' });
  });

  it('copies a document as a new draft: duplicate, or a quote as an invoice or a contract', async () => {
    const { id } = await company('admin', { accountManagerId: users.sales.id });
    const lines = [
      { description: 'Licence', quantity: 3, unitPrice: '4500.00', taxRate: 7 },
      { description: 'Set-up', quantity: 1, unitPrice: '2500.00', discountPercent: 10, taxRate: 7 },
    ];
    const quote = (await create('quote', 'sales', { companyId: id, issueDate: '2026-01-05', notes: 'Thank you', lines }).expect(201)).body;
    await t.http().patch(`/api/quotes/${quote.id}`).set(as('sales')).send({ status: 'sent' }).expect(200);
    const same = (l: Array<Record<string, string>>) =>
      l.map(({ description, quantity, unitPrice, discountPercent, taxRate }) => ({ description, quantity, unitPrice, discountPercent, taxRate }));

    const duplicate = (await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('sales')).send({}).expect(201)).body;
    expect(duplicate).toMatchObject({ type: 'quote', status: 'draft', notes: 'Thank you', total: quote.total, company: { id }, owner: { id: users.sales.id } });
    expect(duplicate.number).not.toBe(quote.number);
    expect(duplicate.issueDate).not.toBe('2026-01-05');
    expect(same(duplicate.lines)).toEqual(same(quote.lines));

    const invoice = (await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('sales')).send({ as: 'invoice' }).expect(201)).body;
    expect(invoice).toMatchObject({ type: 'invoice', status: 'draft', total: quote.total, dueDate: expect.any(String) });
    expect(invoice.number).toMatch(/^INV-/);
    const contract = (await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('admin')).send({ as: 'contract' }).expect(201)).body;
    expect(contract).toMatchObject({ type: 'contract', owner: { id: users.sales.id } });
    // finance reads quotes and makes invoices: the invoice is theirs
    const financeInvoice = (await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('finance')).send({ as: 'invoice' }).expect(201)).body;
    expect(financeInvoice.owner.id).toBe(users.finance.id);

    const backwards = await t.http().post(`/api/invoices/${invoice.id}/copy`).set(as('admin')).send({ as: 'quote' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0]).toMatchObject({ field: 'as', messages: [expect.stringContaining('can be copied as invoice')] });
    const stranger = await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('otherSales')).send({});
    expect(stranger.body.code).toBe(ErrorCode.DOCUMENT_NOT_FOUND);
    const financeQuote = await t.http().post(`/api/quotes/${quote.id}/copy`).set(as('finance')).send({});
    expect(financeQuote.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
  });

  it('numbers 20 concurrent creations uniquely and without gaps', async () => {
    const { id } = await company();
    const responses = await Promise.all(Array.from({ length: 20 }, () => create('invoice', 'admin', { companyId: id, issueDate: '2031-03-01' })));
    const numbers = responses.map((response) => {
      expect(response.status).toBe(201);
      return response.body.number as string;
    });
    expect(new Set(numbers).size).toBe(20);
    for (const number of numbers) expect(number).toMatch(/^INV-2031-\d{4}$/);
    const [{ count, highest }] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count, max(substring(number from 10)::int) AS highest FROM documents WHERE number LIKE 'INV-2031-%'`);
    expect(highest).toBe(count);
  });

  it('pages, sorts and searches in SQL; search text is only text', async () => {
    const customer = await company('admin', { name: `Zeta Trading ${randomUUID().slice(0, 6)}` });
    for (const price of ['500.00', '100.00', '300.00', '200.00', '400.00']) {
      await create('quote', 'admin', { companyId: customer.id, lines: [{ ...LINE, unitPrice: price, taxRate: 0 }] }).expect(201);
    }
    const page1 = await t.http().get('/api/quotes').query({ companyId: customer.id, sort: 'total', pageSize: 2 }).set(as('admin')).expect(200);
    expect(page1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.body.items.map((item: { total: string }) => item.total)).toEqual(['100.00', '200.00']);
    const page3 = await t.http().get('/api/quotes').query({ companyId: customer.id, sort: '-total', pageSize: 2, page: 3 }).set(as('admin')).expect(200);
    expect(page3.body.items.map((item: { total: string }) => item.total)).toEqual(['100.00']);
    const pastTheEnd = await t.http().get('/api/quotes').query({ companyId: customer.id, pageSize: 2, page: 4 }).set(as('admin')).expect(200);
    expect(pastTheEnd.body).toMatchObject({ items: [], total: 5, page: 4 });
    const detail = await t.http().get(`/api/quotes/${page1.body.items[0].id}`).set(as('admin')).expect(200);
    expect(page1.body.items[0]).toMatchObject({ issueDate: detail.body.issueDate, validUntil: detail.body.validUntil });
    expect(page1.body.items[0].issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const search = await t
      .http()
      .get('/api/quotes')
      .query({ q: customer.name.slice(0, 18).toUpperCase() })
      .set(as('admin'));
    expect(search.body.total).toBe(5);
    const byNumber = await t.http().get('/api/quotes').query({ q: page1.body.items[0].number }).set(as('admin'));
    expect(byNumber.body.items.map((item: { id: string }) => item.id)).toContain(page1.body.items[0].id);
    for (const q of ['%', "'; DROP TABLE documents; --", '_']) {
      const response = await t.http().get('/api/quotes').query({ q, companyId: customer.id }).set(as('admin'));
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(0);
    }
    const tooBig = await t.http().get('/api/quotes').query({ pageSize: 101 }).set(as('admin'));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details[0].field).toBe('pageSize');
    const badSort = await t.http().get('/api/quotes').query({ sort: 'password' }).set(as('admin'));
    expect(badSort.body.details[0].field).toBe('sort');
  });

  it('answers bad input with a code naming the field, and writes nothing', async () => {
    const { id } = await company();
    const before = await t.http().get('/api/quotes').query({ companyId: id }).set(as('admin'));

    const unknownCompany = await create('quote', 'sales', { companyId: randomUUID() });
    expect(unknownCompany.status).toBe(404);
    expect(unknownCompany.body.code).toBe(ErrorCode.COMPANY_NOT_FOUND);

    const cases: Array<[object, string]> = [
      [{ lines: [{ ...LINE, quantity: -2 }] }, 'lines.0.quantity'],
      [{ lines: [{ ...LINE, unitPrice: '10.001' }] }, 'lines.0.unitPrice'],
      [{ lines: [{ ...LINE, taxRate: 101 }] }, 'lines.0.taxRate'],
      [{ lines: [] }, 'lines'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ dueDate: '2030-01-01' }, 'dueDate'],
      [{ validUntil: '2000-01-01', issueDate: '2026-01-01' }, 'validUntil'],
      [{ issueDate: '26/11/2026' }, 'issueDate'],
    ];
    for (const [body, field] of cases) {
      const response = await create('quote', 'sales', { companyId: id, ...body });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const after = await t.http().get('/api/quotes').query({ companyId: id }).set(as('admin'));
    expect(after.body.total).toBe(before.body.total);
  });

  it('moves status only along allowed transitions, and freezes everything but status once sent', async () => {
    const { id: companyId } = await company();
    const quote = (await create('quote', 'sales', { companyId }).expect(201)).body;
    const skip = await t.http().patch(`/api/quotes/${quote.id}`).set(as('sales')).send({ status: 'accepted' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: ErrorCode.DOCUMENT_INVALID_TRANSITION, details: [{ field: 'status' }] });
    const unknown = await t.http().patch(`/api/quotes/${quote.id}`).set(as('sales')).send({ status: 'paid' });
    expect(unknown.status).toBe(400);

    const edited = await t
      .http()
      .patch(`/api/quotes/${quote.id}`)
      .set(as('sales'))
      .send({ lines: [{ ...LINE, quantity: 2 }], notes: 'Two zones' })
      .expect(200);
    expect(edited.body).toMatchObject({ total: '214.00', notes: 'Two zones' });

    await t.http().patch(`/api/quotes/${quote.id}`).set(as('sales')).send({ status: 'sent' }).expect(200);
    const frozen = await t
      .http()
      .patch(`/api/quotes/${quote.id}`)
      .set(as('sales'))
      .send({ lines: [LINE] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe(ErrorCode.DOCUMENT_NOT_EDITABLE);
    const accepted = await t.http().patch(`/api/quotes/${quote.id}`).set(as('sales')).send({ status: 'accepted' }).expect(200);
    expect(accepted.body.status).toBe('accepted');
  });

  it('renders a PDF with the number and the company, Thai names intact, the same bytes every time', async () => {
    const thai = await company('admin', { name: 'โรงแรมสยาม ริเวอร์ไซด์ Café', billingAddress: '88 ถนนเจริญกรุง\nกรุงเทพฯ 10500' });
    await t
      .http()
      .post(`/api/companies/${thai.id}/contacts`)
      .set(as('admin'))
      .send({ name: 'สมชาย ใจดี', email: 'somchai@siam.example', isPrimary: true })
      .expect(201);
    const quote = (await create('quote', 'admin', { companyId: thai.id }).expect(201)).body;

    const first = await binary(t.http().get(`/api/quotes/${quote.id}/pdf`).set(as('admin'))).expect(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe(`inline; filename="Quote-${quote.number}.pdf"`);
    const bytes = first.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, numpages } = await pdfText(bytes);
    expect(numpages).toBe(1);
    expect(text).toContain(quote.number);
    expect(text).toContain('สมชาย ใจดี');
    expect(text.replace(/\s+/g, ' ')).toContain('โรงแรมสยาม ริเวอร์ไซด์ Café');
    expect(text).toContain('107.00');

    const second = await binary(t.http().get(`/api/quotes/${quote.id}/pdf`).set(as('admin'))).expect(200);
    expect(Buffer.compare(second.body as Buffer, bytes)).toBe(0);
    // the same bytes from a fresh render too, not only from the PDF cache
    const detail = (await t.http().get(`/api/quotes/${quote.id}`).set(as('admin')).expect(200)).body;
    const config = t.app.get(Env);
    const fresh = await renderDocumentPdf(detail, { name: config.ORG_NAME, address: config.ORG_ADDRESS });
    expect(Buffer.compare(fresh, bytes)).toBe(0);

    // a change to what the PDF shows gives a new PDF, never the cached one
    const contact = detail.company.contacts[0];
    await t.http().patch(`/api/contacts/${contact.id}`).set(as('admin')).send({ name: 'สมหญิง รักดี' }).expect(200);
    const changed = await binary(t.http().get(`/api/quotes/${quote.id}/pdf`).set(as('admin'))).expect(200);
    const changedText = (await pdfText(changed.body as Buffer)).text;
    expect(changedText).toContain('สมหญิง รักดี');
    expect(changedText).not.toContain('สมชาย ใจดี');
  });

  it("prints the owner's email and phone under Your contact, and no internal status", async () => {
    await t.http().patch('/api/users/me').set(as('sales')).send({ phone: '+66 2 555 0101' }).expect(200);
    const { id } = await company('sales');
    const quote = (await create('quote', 'sales', { companyId: id }).expect(201)).body;
    const text = (await pdfText((await binary(t.http().get(`/api/quotes/${quote.id}/pdf`).set(as('sales'))).expect(200)).body as Buffer)).text;
    expect(text.replace(/\s+/g, '')).toContain(users.sales.email); // a long address wraps in its column
    expect(text).toContain('+66 2 555 0101');
    expect(text).not.toMatch(/Status|draft/i);
    const refused = await t.http().patch('/api/users/me').set(as('sales')).send({ phone: 'call me maybe' }).expect(400);
    expect(refused.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field: 'phone' })] });
  });

  it('paginates a long list of items onto more pages, header repeated', async () => {
    const { id } = await company();
    const lines = Array.from({ length: 90 }, (_, index) => ({ ...LINE, description: `Zone ${index + 1} licence` }));
    const invoice = (await create('invoice', 'admin', { companyId: id, lines }).expect(201)).body;
    const response = await binary(t.http().get(`/api/invoices/${invoice.id}/pdf`).set(as('admin'))).expect(200);
    const { text, numpages } = await pdfText(response.body as Buffer);
    expect(numpages).toBeGreaterThan(1);
    expect(text).toContain('Zone 90 licence');
    expect(text.match(/Unit price/g)?.length).toBe(numpages);
    expect(text).toContain(`Page ${numpages} of ${numpages}`);
  });

  describe('companies and contacts', () => {
    it('creates a company with primary and billing contacts, listed first', async () => {
      const created = await company('sales');
      const detail = await t.http().get(`/api/companies/${created.id}`).set(as('finance')).expect(200);
      expect(detail.body).toMatchObject({ contacts: [], accountManager: { id: users.sales.id } });
      for (const contact of [
        { name: 'Zed Other', email: 'zed@x.example' },
        { name: 'Bea Billing', email: 'BEA@x.example', isBilling: true },
        { name: 'Pat Primary', email: 'pat@x.example', isPrimary: true, title: 'CEO' },
      ]) {
        await t.http().post(`/api/companies/${created.id}/contacts`).set(as('sales')).send(contact).expect(201);
      }
      const withContacts = await t.http().get(`/api/companies/${created.id}`).set(as('sales')).expect(200);
      expect(withContacts.body.contacts.map((c: { name: string }) => c.name)).toEqual(['Pat Primary', 'Bea Billing', 'Zed Other']);
      expect(withContacts.body.contacts[1].email).toBe('bea@x.example');

      const contactId = withContacts.body.contacts[2].id;
      const patched = await t.http().patch(`/api/contacts/${contactId}`).set(as('sales')).send({ active: false }).expect(200);
      expect(patched.body.active).toBe(false);
    });

    it('keeps sales away from companies someone else manages: their contacts cannot be read or changed', async () => {
      const theirs = await company('otherSales');
      const contact = (
        await t
          .http()
          .post(`/api/companies/${theirs.id}/contacts`)
          .set(as('otherSales'))
          .send({ name: 'Real Buyer', email: 'buyer@real.example', isPrimary: true })
          .expect(201)
      ).body as { id: string };

      const patch = await t.http().patch(`/api/contacts/${contact.id}`).set(as('sales')).send({ email: 'attacker@evil.example' });
      expect(patch.status).toBe(404);
      expect(patch.body.code).toBe(ErrorCode.CONTACT_NOT_FOUND);
      const add = await t.http().post(`/api/companies/${theirs.id}/contacts`).set(as('sales')).send({ name: 'X', email: 'x@evil.example', isPrimary: true });
      expect(add.body.code).toBe(ErrorCode.COMPANY_NOT_FOUND);
      expect((await t.http().get(`/api/companies/${theirs.id}`).set(as('sales'))).status).toBe(404);
      const listed = await t
        .http()
        .get(`/api/companies?q=${encodeURIComponent(theirs.name)}`)
        .set(as('sales'))
        .expect(200);
      expect(listed.body.total).toBe(0);
      const assign = await t.http().post('/api/companies').set(as('sales')).send({ name: 'X', country: 'TH', accountManagerId: users.otherSales.id });
      expect(assign.status).toBe(403);

      // nothing changed; the manager, admins and finance (read-only) still see it
      const detail = await t.http().get(`/api/companies/${theirs.id}`).set(as('finance')).expect(200);
      expect(detail.body.contacts).toEqual([expect.objectContaining({ email: 'buyer@real.example' })]);
      expect(
        (
          await t
            .http()
            .get(`/api/companies?q=${encodeURIComponent(theirs.name)}`)
            .set(as('otherSales'))
        ).body.total,
      ).toBe(1);
      await t.http().patch(`/api/contacts/${contact.id}`).set(as('admin')).send({ title: 'Buyer' }).expect(200);
    });

    it('answers unknown ids and bad fields clearly', async () => {
      const missing = await t.http().get(`/api/companies/${randomUUID()}`).set(as('sales'));
      expect(missing.body.code).toBe(ErrorCode.COMPANY_NOT_FOUND);
      const contact = await t.http().patch(`/api/contacts/${randomUUID()}`).set(as('sales')).send({ active: false });
      expect(contact.body.code).toBe(ErrorCode.CONTACT_NOT_FOUND);
      const noCompany = await t.http().post(`/api/companies/${randomUUID()}/contacts`).set(as('sales')).send({ name: 'X', email: 'x@x.example' });
      expect(noCompany.body.code).toBe(ErrorCode.COMPANY_NOT_FOUND);
      const badCountry = await t.http().post('/api/companies').set(as('sales')).send({ name: 'X', country: 'XX' });
      expect(badCountry.body.details[0].field).toBe('country');
      const finance = await t.http().post('/api/companies').set(as('finance')).send({ name: 'X', country: 'TH' });
      expect(finance.status).toBe(403);
    });

    it('renames a company, and its documents are found by the new name', async () => {
      const created = await company('sales', { name: `Old Name ${randomUUID().slice(0, 6)}` });
      const quote = (await create('quote', 'sales', { companyId: created.id }).expect(201)).body;
      const renamed = `Café Neue ${randomUUID().slice(0, 6)}`;
      const patched = await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ name: renamed, billingAddress: '1 New Road' }).expect(200);
      expect(patched.body).toMatchObject({ name: renamed, billingAddress: '1 New Road', archived: false });
      const found = await t
        .http()
        .get(`/api/quotes?q=${encodeURIComponent(renamed.toUpperCase())}`)
        .set(as('sales'))
        .expect(200);
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([quote.id]);
      expect(found.body.items[0].company.name).toBe(renamed);
      expect(
        (
          await t
            .http()
            .get(`/api/quotes?q=${encodeURIComponent(created.name)}`)
            .set(as('sales'))
        ).body.total,
      ).toBe(0);
    });

    it('archives a company out of the lists and away from new documents, and restores it', async () => {
      const created = await company('sales');
      const byName = () =>
        t
          .http()
          .get(`/api/companies?q=${encodeURIComponent(created.name)}`)
          .set(as('sales'));
      await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ archived: true }).expect(200);
      expect((await byName()).body.total).toBe(0);
      const archived = await t
        .http()
        .get(`/api/companies?archived=true&q=${encodeURIComponent(created.name)}`)
        .set(as('sales'))
        .expect(200);
      expect(archived.body.items).toEqual([expect.objectContaining({ id: created.id, archived: true })]);
      const refused = await create('invoice', 'admin', { companyId: created.id });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: ErrorCode.COMPANY_ARCHIVED, message: expect.stringContaining('restore it') });

      await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ archived: false }).expect(200);
      expect((await byName()).body.total).toBe(1);
      await create('invoice', 'admin', { companyId: created.id }).expect(201);
    });

    it("lists the caller's companies with mine=true, sorted as asked", async () => {
      const tag = randomUUID().slice(0, 6);
      for (const name of [`B ${tag}`, `A ${tag}`]) await company('admin', { name, accountManagerId: users.admin.id });
      await company('admin', { name: `C ${tag}` });
      const mine = await t.http().get(`/api/companies?mine=true&sort=-name&q=${tag}`).set(as('admin')).expect(200);
      expect(mine.body.items.map((item: { name: string }) => item.name)).toEqual([`B ${tag}`, `A ${tag}`]);
      const all = await t.http().get(`/api/companies?q=${tag}`).set(as('admin')).expect(200);
      expect(all.body.items.map((item: { name: string }) => item.name)).toEqual([`A ${tag}`, `B ${tag}`, `C ${tag}`]);
      const bad = await t.http().get('/api/companies?mine=perhaps').set(as('admin'));
      expect(bad.body).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: [expect.objectContaining({ field: 'mine' })] });
    });

    it('lets sales keep only themselves as account manager; admins hand companies over', async () => {
      const created = await company('sales');
      const handOver = await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ accountManagerId: users.otherSales.id });
      expect(handOver.status).toBe(403);
      expect(handOver.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
      await t.http().patch(`/api/companies/${created.id}`).set(as('admin')).send({ accountManagerId: users.otherSales.id }).expect(200);
      const gone = await t.http().get(`/api/companies/${created.id}`).set(as('sales'));
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe(ErrorCode.COMPANY_NOT_FOUND);
      const financeEdit = await t.http().patch(`/api/companies/${created.id}`).set(as('finance')).send({ name: 'X' });
      expect(financeEdit.status).toBe(403);
      expect(financeEdit.body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
    });

    it('keeps one primary contact per company: a new primary takes over, and the database refuses a second', async () => {
      const created = await company('sales');
      const add = (body: object) => t.http().post(`/api/companies/${created.id}/contacts`).set(as('sales')).send(body).expect(201);
      const first = (await add({ name: 'First Primary', email: 'first@x.example', isPrimary: true })).body;
      const second = (await add({ name: 'Second Primary', email: 'second@x.example', isPrimary: true, greetingName: 'Khun Second', language: 'th' })).body;
      expect(second).toMatchObject({ isPrimary: true, greetingName: 'Khun Second', language: 'th' });
      const detail = (await t.http().get(`/api/companies/${created.id}`).set(as('sales')).expect(200)).body;
      expect(detail.contacts.filter((c: { isPrimary: boolean }) => c.isPrimary).map((c: { id: string }) => c.id)).toEqual([second.id]);
      await t.http().patch(`/api/contacts/${first.id}`).set(as('sales')).send({ isPrimary: true }).expect(200);
      const after = (await t.http().get(`/api/companies/${created.id}`).set(as('sales')).expect(200)).body;
      expect(after.contacts.filter((c: { isPrimary: boolean }) => c.isPrimary).map((c: { id: string }) => c.id)).toEqual([first.id]);

      const db = t.app.get(DataSource);
      await expect(db.query(`UPDATE contacts SET is_primary = true WHERE id = $1`, [second.id])).rejects.toThrow(/UQ_contacts_one_primary/);
      const badLanguage = await t
        .http()
        .post(`/api/companies/${created.id}/contacts`)
        .set(as('sales'))
        .send({ name: 'X', email: 'x@x.example', language: 'fr' });
      expect(badLanguage.body.details[0].field).toBe('language');
    });

    it('takes five primaries saved at once one after the other: each answers 201 and one stays primary', async () => {
      const created = await company('sales');
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, n) =>
          t
            .http()
            .post(`/api/companies/${created.id}/contacts`)
            .set(as('sales'))
            .send({ name: `Primary ${n}`, email: `primary${n}@x.example`, isPrimary: true }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
      const detail = (await t.http().get(`/api/companies/${created.id}`).set(as('sales')).expect(200)).body;
      expect(detail.contacts).toHaveLength(5);
      expect(detail.contacts.filter((c: { isPrimary: boolean }) => c.isPrimary)).toHaveLength(1);
    });

    it('takes no new contact for an archived company until it is restored', async () => {
      const created = await company('sales');
      await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ archived: true }).expect(200);
      const refused = await t.http().post(`/api/companies/${created.id}/contacts`).set(as('sales')).send({ name: 'Late Contact', email: 'late@x.example' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: ErrorCode.COMPANY_ARCHIVED, message: expect.stringContaining('restore it') });
      expect((await t.http().get(`/api/companies/${created.id}`).set(as('sales')).expect(200)).body.contacts).toHaveLength(0);
      await t.http().patch(`/api/companies/${created.id}`).set(as('sales')).send({ archived: false }).expect(200);
      await t.http().post(`/api/companies/${created.id}/contacts`).set(as('sales')).send({ name: 'Late Contact', email: 'late@x.example' }).expect(201);
    });

    it('greets a contact by their greeting name in the email draft, or by their full name, never a guessed first name', async () => {
      const created = await company('sales');
      const quote = (await create('quote', 'sales', { companyId: created.id }).expect(201)).body;
      const contact = (
        await t
          .http()
          .post(`/api/companies/${created.id}/contacts`)
          .set(as('sales'))
          .send({ name: 'Tan Wei Ming', email: 'wm@x.example', isPrimary: true })
          .expect(201)
      ).body;
      const draft = () => t.http().get(`/api/quotes/${quote.id}/email-draft`).set(as('sales')).expect(200);
      expect((await draft()).body.body).toContain('Dear Tan Wei Ming,');
      await t.http().patch(`/api/contacts/${contact.id}`).set(as('sales')).send({ greetingName: 'Wei Ming' }).expect(200);
      expect((await draft()).body.body).toContain('Dear Wei Ming,');
    });
  });
});
