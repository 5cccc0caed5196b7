import type { Page } from 'playwright-core';
import type { CompanyPage, DocumentPage, SendEmailResult } from '@sendas/contracts';
import { accessibilityProblems, apiAs, baseUrl, scrollsSideways, signIn, snap, usePagePerTest, waitUntil } from './support/browser';

const WIDTHS = [
  { name: 'desktop', width: 1360, height: 900 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'small-phone', width: 360, height: 740 },
];

/** A quote of Norbert's that was sent once (through the company account, caught by the dev mail catcher). */
async function sentQuote(): Promise<{ quoteId: string; companyId: string; subject: string }> {
  const norbert = await apiAs('norbert@bmasiamusic.com');
  const { items } = await norbert<DocumentPage>('/api/quotes?pageSize=1');
  const companyId = (await norbert<CompanyPage>('/api/companies?pageSize=1')).items[0].id;
  const subject = `Pages check ${Date.now()}`;
  await norbert<SendEmailResult>(`/api/quotes/${items[0].id}/send`, {
    method: 'POST',
    body: {
      recipients: ['buyer@customer.example'],
      bcc: ['norbert.archive@bmasiamusic.com'],
      subject,
      body: 'Dear buyer,\n\nThe quote is attached.',
      attachPdf: false,
    },
  });
  return { quoteId: items[0].id, companyId, subject };
}

/**
 * A quote and an invoice, newest in their lists, of a company whose name holds a word longer than a phone's company
 * column (a reference number), with a wide total: the lists must still fit the screen.
 */
async function longNamedDocuments(): Promise<void> {
  const norbert = await apiAs('norbert@bmasiamusic.com');
  const company = await norbert<{ id: string }>('/api/companies', {
    method: 'POST',
    body: { name: `Riverside Spa ${Date.now()}${Date.now()}`, country: 'TH' },
  });
  // a contact, so these stay documents other tests may send (a bulk send refuses one without)
  await norbert(`/api/companies/${company.id}/contacts`, { method: 'POST', body: { name: 'Ratana Long', email: 'ratana@riverside.example', isPrimary: true } });
  const lines = [{ description: 'Licence', quantity: 1, unitPrice: '999999.99', taxRate: 7 }];
  for (const path of ['/api/quotes', '/api/invoices']) await norbert(path, { method: 'POST', body: { companyId: company.id, currency: 'THB', lines } });
}

/** Waits until the page has its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator('[data-testid=skeleton], mat-progress-bar').first().waitFor({ state: 'detached' });
}

describe('Every page, at desktop and phone width (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it.each(WIDTHS)('has no serious accessibility problem and no sideways scroll ($name)', async ({ name, width, height }) => {
    await page.setViewportSize({ width, height });
    const { quoteId, companyId } = await sentQuote();
    await longNamedDocuments();
    const problems: string[] = [];
    const check = async (label: string) => {
      await settled(page);
      problems.push(...(await accessibilityProblems(page)).map((problem) => `${label}: ${problem}`));
      if (await scrollsSideways(page)) problems.push(`${label}: scrolls sideways at ${width} px`);
      await snap(page, `80-${label.replace(/[0-9a-f-]{36}/, 'one').replace(/\W+/g, '-')}-${name}`);
    };

    for (const path of ['/login', '/forgot-password']) {
      await page.goto(`${baseUrl()}${path}`);
      await check(path);
    }
    await page.goto(`${baseUrl()}/login`);
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    const paths = [
      '/quotes',
      `/quotes/${quoteId}`,
      '/quotes/new',
      '/contracts',
      '/invoices',
      '/companies',
      `/companies/${companyId}`,
      '/outbox',
      '/settings/profile',
      '/settings/mailbox',
      '/settings/api-keys',
      '/admin/users',
      '/admin/emails',
      '/admin/templates',
      '/dev/mailbox',
    ];
    for (const path of paths) {
      await page.goto(`${baseUrl()}${path}`);
      await check(path);
    }
    expect(problems).toEqual([]);
  });

  it.each(WIDTHS)('shows a send whole from the history, the email log and the dev mailbox ($name)', async ({ name, width, height }) => {
    await page.setViewportSize({ width, height });
    const { quoteId, subject } = await sentQuote();
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);

    await page.goto(`${baseUrl()}/quotes/${quoteId}`);
    await page.getByRole('button', { name: new RegExp(`details of the email “${subject}”`, 'i') }).click();
    const detail = page.getByTestId('email-detail');
    await expect(detail.getByTestId('email-body').textContent()).resolves.toContain('The quote is attached.');
    await expect(detail.getByTestId('email-summary').textContent()).resolves.toMatch(/Norbert\s+sent\s+Quote/);
    await expect(detail.getByTestId('email-to').textContent()).resolves.toBe('buyer@customer.example');
    await expect(detail.getByTestId('email-bcc').textContent()).resolves.toBe('norbert.archive@bmasiamusic.com');
    await expect(detail.getByTestId('email-smtp-response').textContent()).resolves.toMatch(/^250/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await snap(page, `81-email-detail-${name}`);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    await page.goto(`${baseUrl()}/admin/emails`);
    await page.getByLabel('Subject, number or recipient').fill(subject);
    await page.getByRole('button', { name: new RegExp(`details of the email “${subject}”`, 'i') }).click();
    await expect(page.getByTestId('email-body').textContent()).resolves.toContain('The quote is attached.');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.goto(`${baseUrl()}/dev/mailbox`);
    await page.locator(`[data-subject="${subject}"]`).click();
    await expect(page.getByTestId('dev-bcc').textContent()).resolves.toBe('norbert.archive@bmasiamusic.com');
    await page.getByTestId('dev-send-record').click();
    await expect(page.getByTestId('email-summary').textContent()).resolves.toMatch(/Norbert\s+sent/);
  });

  it('the Send dialog starts at its first field and gives focus back to the menu it was opened from', async () => {
    await page.setViewportSize({ width: 1360, height: 900 });
    await signIn(page, 'pom@bmasiamusic.com');
    await page.locator('tr[data-number]').first().waitFor();
    const menuButton = page.getByTestId('row-menu').first();
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.locator('mat-dialog-container form').waitFor();
    await waitUntil(
      () =>
        page.evaluate(
          () => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } } }).document.activeElement.closest('form') !== null,
        ),
      'focus in the form',
    );
    await page.keyboard.press('Escape');
    await page.locator('mat-dialog-container').waitFor({ state: 'detached' });
    await waitUntil(
      () => menuButton.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
      'focus back on the menu button',
    );
  });
});
