import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@sendas/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Email templates are data: admins edit them, an unknown variable or unbalanced braces is refused with its name,
 * and the Send dialog's draft starts from the template of the document's type in the first recipient's language.
 * (This file edits only the Thai invoice template, and puts it back: other files read the English ones.)
 */
describe('Email templates (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<'admin' | 'sales', string>;
  const as = (who: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[who]}` });
  let original: { subject: string; body: string };

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['admin', 'sales'] as const) tokens[role] = (await t.login((await t.createUser(role)).email)).accessToken;
    const templates = (await t.http().get('/api/email-templates').set(as('admin')).expect(200)).body as Array<{
      documentType: string;
      language: string;
      subject: string;
      body: string;
    }>;
    original = templates.find((template) => template.documentType === 'invoice' && template.language === 'th')!;
  });
  const putBack = () => t.http().put('/api/email-templates/invoice/th').set(as('admin')).send({ subject: original.subject, body: original.body }).expect(200);
  afterAll(async () => {
    await putBack();
    await t.close();
  });

  /** A sales-managed company with one Thai billing contact, and an invoice for it. */
  async function thaiInvoice() {
    const company = (
      await t
        .http()
        .post('/api/companies')
        .set(as('sales'))
        .send({ name: `โรงแรม ${randomUUID().slice(0, 6)}`, country: 'TH' })
        .expect(201)
    ).body;
    await t
      .http()
      .post(`/api/companies/${company.id}/contacts`)
      .set(as('sales'))
      .send({ name: 'นภา วงศ์ใหญ่', greetingName: 'คุณนภา', email: 'napa@hotel.example', language: 'th', isPrimary: true, isBilling: true })
      .expect(201);
    const invoice = (
      await t
        .http()
        .post('/api/invoices')
        .set(as('sales'))
        .send({
          companyId: company.id,
          currency: 'THB',
          issueDate: '2026-11-26',
          lines: [{ description: 'Licence', quantity: 1, unitPrice: '1000', taxRate: 7 }],
        })
        .expect(201)
    ).body;
    return { company, invoice };
  }

  it('lists a template per document type and language, to admins only', async () => {
    const list = await t.http().get('/api/email-templates').set(as('admin')).expect(200);
    expect(list.body.map((template: { documentType: string; language: string }) => `${template.documentType}/${template.language}`).sort()).toEqual([
      'contract/en',
      'contract/th',
      'invoice/en',
      'invoice/th',
      'quote/en',
      'quote/th',
    ]);
    expect((await t.http().get('/api/email-templates').set(as('sales'))).body.code).toBe(ErrorCode.FORBIDDEN_ROLE);
  });

  it("starts the draft from the template in the contact's language, filled for the document", async () => {
    const { company, invoice } = await thaiInvoice();
    const draft = await t.http().get(`/api/invoices/${invoice.id}/email-draft`).set(as('sales')).expect(200);
    expect(draft.body.subject).toBe(`ใบแจ้งหนี้ ${invoice.number} จาก BMAsia Music`);
    expect(draft.body.body).toContain('เรียน คุณนภา');
    expect(draft.body.body).toContain(`สำหรับ ${company.name} ยอดเงิน THB 1,070.00 ครบกำหนดชำระวันที่ 26 December 2026`);
  });

  it('saves an edited template, which the next draft uses, and records who changed it', async () => {
    const { invoice } = await thaiInvoice();
    const saved = await t
      .http()
      .put('/api/email-templates/invoice/th')
      .set(as('admin'))
      .send({ subject: 'ใบแจ้งหนี้ {{document.number}}', body: 'สวัสดี {{contact.greetingName}}\nยอด {{document.total}} จาก {{sender.name}}' })
      .expect(200);
    expect(saved.body.updatedBy).toMatchObject({ name: 'Test admin' });
    const draft = await t.http().get(`/api/invoices/${invoice.id}/email-draft`).set(as('sales')).expect(200);
    expect(draft.body).toMatchObject({ subject: `ใบแจ้งหนี้ ${invoice.number}`, body: 'สวัสดี คุณนภา\nยอด 1,070.00 จาก Test sales' });
  });

  it.each([
    [{ subject: 'Invoice', body: 'Dear {{contact.firstName}},' }, 'body', 'Unknown variable {{contact.firstName}}'],
    [{ subject: 'Invoice {{document.number}', body: 'Hello' }, 'subject', 'The braces do not balance'],
    [{ subject: 'Invoice', body: '{{#if document.dueDate}}due{{/if}}' }, 'body', 'Only {{variable}} placeholders'],
    [{ subject: 'Two\nlines', body: 'Hello' }, 'subject', 'The subject is one line'],
    [{ subject: 'Invoice {{[document.number]}}', body: 'Hello' }, 'subject', 'Write {{document.number}} exactly so'],
    [{ subject: 'Invoice', body: 'Hello {{constructor}}' }, 'body', 'Unknown variable {{constructor}}'],
  ])('refuses %p, naming the field, and saves nothing', async (request, field, message) => {
    const response = await t.http().put('/api/email-templates/invoice/th').set(as('admin')).send(request);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: ErrorCode.TEMPLATE_INVALID, details: [{ field, messages: [expect.stringContaining(message)] }] });
    const list = (await t.http().get('/api/email-templates').set(as('admin')).expect(200)).body as Array<{
      documentType: string;
      language: string;
      body: string;
    }>;
    expect(list.find((template) => template.documentType === 'invoice' && template.language === 'th')!.body).not.toBe(request.body);
  });

  it('gives a draft from a stored template that cannot be filled (older data) the built-in wording and says why; Send many refuses it', async () => {
    const { invoice } = await thaiInvoice();
    await t.app
      .get(DataSource)
      .query(`UPDATE email_templates SET subject = 'Invoice {{[document.number]}}' WHERE document_type = 'invoice' AND language = 'th'`);
    try {
      const draft = await t.http().get(`/api/invoices/${invoice.id}/email-draft`).set(as('sales')).expect(200);
      expect(draft.body.templateProblem).toMatchObject({ code: ErrorCode.TEMPLATE_UNUSABLE, language: 'th' });
      expect(draft.body.templateProblem.message).toContain('Email templates');
      expect(draft.body.subject).toBe(`ใบแจ้งหนี้ ${invoice.number} จาก BMAsia Music`);
      expect(draft.body.body).toContain('เรียน คุณนภา');
      expect(draft.body.recipients).toEqual([expect.objectContaining({ email: 'napa@hotel.example', preselected: true })]);

      const bulk = await t
        .http()
        .post('/api/outbox/bulk')
        .set(as('sales'))
        .send({ documentType: 'invoice', documentIds: [invoice.id], alreadySent: 'include' });
      expect(bulk.status).toBe(409);
      expect(bulk.body).toMatchObject({ code: ErrorCode.TEMPLATE_UNUSABLE, details: { documentType: 'invoice', language: 'th' } });
    } finally {
      await putBack();
    }
    const healthy = await t.http().get(`/api/invoices/${invoice.id}/email-draft`).set(as('sales')).expect(200);
    expect(healthy.body.templateProblem).toBeNull();
  });

  it('previews unsaved text against a real document, and refuses what it would refuse to save', async () => {
    const { invoice } = await thaiInvoice();
    const preview = await t
      .http()
      .post('/api/email-templates/preview')
      .set(as('admin'))
      .send({ documentType: 'invoice', documentId: invoice.id, subject: 'Due {{document.dueDate}}', body: 'For {{contact.name}}' })
      .expect(201);
    expect(preview.body).toEqual({ subject: 'Due 26 December 2026', body: 'For นภา วงศ์ใหญ่' });
    const bad = await t
      .http()
      .post('/api/email-templates/preview')
      .set(as('admin'))
      .send({ documentType: 'invoice', documentId: invoice.id, subject: 'x', body: '{{nope}}' });
    expect(bad.body.code).toBe(ErrorCode.TEMPLATE_INVALID);
    const unknownType = await t.http().put('/api/email-templates/receipt/th').set(as('admin')).send({ subject: 'x', body: 'y' });
    expect(unknownType.status).toBe(400);
  });
});
