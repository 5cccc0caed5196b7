import type { Page } from 'playwright-core';
import { acceptAndInvoice, apiAs, baseUrl, signIn, snap, usePagePerTest, waitForValue } from './support/browser';

describe('A team makes its own work (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('Pom creates a company with a contact, a quote with two lines, previews and sends it, marks it accepted and makes the invoice', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);

    // a new customer with its contact
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByTestId('new-company').click();
    const company = `Riverside Spa ${Date.now()}`;
    await page.getByLabel('Company name').fill(company);
    await page.getByTestId('create-company').click();
    await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: company }).waitFor();
    await page.getByTestId('add-contact').click();
    await page.getByLabel('Name', { exact: true }).fill('Napa Wongyai');
    await page.getByLabel('Greeting name').fill('Khun Napa');
    await page.getByLabel('Email').fill('napa@riverside-spa.example');
    await page.getByTestId('save-contact').click();
    await page.locator('[data-contact="Napa Wongyai"]', { hasText: 'Primary' }).waitFor();
    await snap(page, '10-pom-new-company');

    // a quote for it: two lines, one with a discount; the total follows every keystroke
    await page.getByTestId('new-quote').click();
    await page.waitForURL(/\/quotes\/new\?companyId=/);
    await waitForValue(page.getByTestId('company-input'), company);
    const line = (index: number) => page.getByTestId(`line-${index}`);
    await line(0).getByLabel('Description').fill('Background music licence, 12 months');
    await line(0).getByLabel('Quantity').fill('3');
    await line(0).getByLabel('Unit price').fill('4500');
    await page.getByTestId('add-line').click();
    await line(1).getByLabel('Description').fill('Player set-up');
    await line(1).getByLabel('Unit price').fill('2500');
    await line(1).getByLabel('Discount %').fill('10');
    // 3 x 4,500 + 2,500 less 10% = 15,750.00; 7% tax 1,102.50
    await page.getByTestId('total').filter({ hasText: '16,852.50' }).waitFor();
    await snap(page, '11-pom-quote-editor');
    await page.getByTestId('save-document').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'draft' }).waitFor();
    const number = /Q-\d{4}-\d{4,}/.exec((await heading.textContent()) ?? '')![0];
    expect(await page.title()).toMatch(new RegExp(`^${number} · .+ · Sendas$`));

    // the PDF opens as the document stands
    const preview = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'View PDF' }).click();
    expect((await preview).url()).toMatch(/^blob:/);

    // sent from her own mailbox to the primary contact, greeted as she likes
    await page.getByTestId('detail-send').click();
    await page.getByTestId('sender-banner').waitFor();
    await expect(page.locator('mat-checkbox', { hasText: 'Napa Wongyai' }).locator('input').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Message').inputValue()).resolves.toContain('Dear Khun Napa,');
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();
    await heading.filter({ hasText: 'sent' }).waitFor();

    // accepted, with a confirmation, then the invoice from it
    await acceptAndInvoice(page);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /Invoice INV-\d{4}-\d{4,}/ })
      .waitFor();
    await page.getByText('16,852.50').first().waitFor();
    await snap(page, '12-pom-invoice-from-quote');
  });

  it('the editor shows the server’s refusal on the field it concerns and keeps what was typed', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    await page.getByTestId('new-document').click();
    await page.getByTestId('company-input').fill('Siam Riverside');
    await page.getByRole('option', { name: 'Siam Riverside Hotel' }).click();
    await page.getByLabel('Issue date').fill('2026-06-01');
    await page.getByLabel('Valid until').fill('2026-05-01');
    await page.getByTestId('line-0').getByLabel('Description').fill('Licence');
    await page.getByTestId('line-0').getByLabel('Unit price').fill('100');
    await page.getByTestId('save-document').click();
    await page.getByText('validUntil must be on or after the issue date 2026-06-01').waitFor();
    expect(page.url()).toMatch(/\/quotes\/new$/);
    await expect(page.getByTestId('line-0').getByLabel('Description').inputValue()).resolves.toBe('Licence');
  });
});

describe('Email templates (browser)', () => {
  const session = usePagePerTest();

  it('Norbert edits the quote template with a live preview; a wrong variable is named; the next Send dialog starts from the new text', async () => {
    const page = session.page;
    const asNorbert = await apiAs('norbert@bmasiamusic.com');
    const before = (await asNorbert<Array<{ documentType: string; language: string; subject: string; body: string }>>('/api/email-templates')).find(
      (template) => template.documentType === 'quote' && template.language === 'en',
    )!;
    try {
      await signIn(page, 'norbert@bmasiamusic.com');
      await page.waitForURL(/\/quotes$/);
      await page.goto(`${baseUrl()}/admin/templates`);
      const body = page.getByTestId('template-body');
      await body.waitFor();
      await page.getByTestId('template-preview').getByText('Dear ').waitFor();

      await body.fill('Dear {{contact.firstName}},\n\nHere it is.');
      await page.getByTestId('save-template').click();
      await page.getByText('Unknown variable {{contact.firstName}}').first().waitFor();

      await body.fill('Dear {{contact.greetingName}},\n\nHere is quote {{document.number}}. We look forward to working with you.\n\nKind regards,');
      await page.getByTestId('template-preview').getByText('We look forward to working with you.').waitFor();
      await page.getByTestId('save-template').click();
      await page.getByText('Quote template (English) saved.').waitFor();
      await snap(page, '13-norbert-edits-quote-template');

      await page.goto(`${baseUrl()}/quotes`);
      const row = page.locator('tr[data-number]').filter({ hasText: 'draft' }).filter({ hasText: 'Siam Riverside Hotel' }).first();
      await row.getByTestId('row-menu').click();
      await page.getByRole('menuitem', { name: 'Send Email' }).click();
      await page.getByTestId('sender-banner').waitFor();
      const message = await page.getByLabel('Message').inputValue();
      expect(message).toContain('Dear Khun Somchai,');
      expect(message).toContain('We look forward to working with you.');
    } finally {
      await asNorbert('/api/email-templates/quote/en', { method: 'PUT', body: { subject: before.subject, body: before.body } });
    }
  });
});
