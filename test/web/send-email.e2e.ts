import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launchBrowser, signIn } from './support/browser';

describe('Sending a quote (browser)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context.close());

  /** Opens the Send Email dialog of the first draft quote of the list. */
  async function openSendDialog(): Promise<string> {
    await page.getByRole('heading', { name: 'Quotes' }).waitFor();
    const row = page.locator('tr[data-number]').filter({ hasText: 'draft' }).first();
    const number = (await row.getAttribute('data-number'))!;
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();
    return number;
  }

  it('Pom sends a quote from her own mailbox; the dev mailbox shows it from Pom with the PDF', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    const number = await openSendDialog();

    await expect(page.getByTestId('sender-banner').textContent()).resolves.toContain('from your own mailbox');
    const primary = page.locator('mat-checkbox', { hasText: /Primary/ }).first();
    await expect(primary.locator('input').isChecked()).resolves.toBe(true);
    const billingOnly = page.locator('mat-checkbox', { hasText: /^(?!.*Primary).*Billing contact/ });
    if (await billingOnly.count()) await expect(billingOnly.first().locator('input').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Subject').inputValue()).resolves.toContain(number);

    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();
    await page.locator('tr[data-number="' + number + '"]', { hasText: 'sent' }).waitFor();

    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    await page.locator(`[data-subject*="${number}"]`).first().click();
    await expect(page.getByTestId('dev-auth-user').textContent()).resolves.toBe('pom@bmasiamusic.com');
    await expect(page.getByTestId('dev-from').textContent()).resolves.toContain('pom@bmasiamusic.com');
    await expect(page.getByTestId('dev-attachment').textContent()).resolves.toContain(`Quote-${number}.pdf`);
  });

  it('Keith, with no mailbox of his own, is told it goes from the company account with replies to him', async () => {
    await signIn(page, 'keith@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await openSendDialog();
    const banner = await page.getByTestId('sender-banner').textContent();
    expect(banner).toContain('No mailbox of your own is set up');
    expect(banner).toContain('keith@bmasiamusic.com');
    await page.keyboard.press('Escape');
  });

  it("Nikki tests her mailbox connection in settings and sees that it works", async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/settings/mailbox`);
    await page.getByText('App password saved').waitFor();
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result').textContent()).resolves.toContain('signed in as nikki.h@bmasiamusic.com');
  });
});
