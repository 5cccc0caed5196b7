import type { Page } from 'playwright-core';
import { apiAs, baseUrl, newDraftQuote, quoteRow, signIn, usePagePerTest, waitForValue } from './support/browser';

describe('Typing as people type (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('Pom types a price as "3,200": it counts in the total, is saved as 3,200.00, and a line she cannot price stays in sight', async () => {
    const asPom = await apiAs('pom@bmasiamusic.com');
    const { items } = await asPom<{ items: Array<{ id: string; name: string }> }>('/api/companies?q=Siam%20Riverside');
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/quotes/new?companyId=${items[0].id}`);
    await waitForValue(page.getByTestId('company-input'), 'Siam Riverside Hotel');
    const line = (index: number) => page.getByTestId(`line-${index}`);
    await line(0).getByLabel('Description').fill('Background music licence, 12 months');
    await line(0).getByLabel('Unit price').fill('3,200');
    await page.getByTestId('total').filter({ hasText: '3,424.00' }).waitFor();

    await page.getByTestId('add-line').click();
    await line(1).getByLabel('Description').fill('Player set-up');
    await line(1).getByLabel('Unit price').fill('two thousand');
    await expect(page.getByTestId('unpriced').textContent()).resolves.toContain('Not in the total yet: line 2.');
    await line(1).getByLabel('Unit price').fill('2,000');
    await page.getByTestId('total').filter({ hasText: '5,564.00' }).waitFor();
    await expect(page.getByTestId('unpriced').count()).resolves.toBe(0);

    await page.getByTestId('save-document').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    await page.getByText('3,200.00').first().waitFor();
  });

  it('Pom pastes "a@…, b@…; c@…" into Other recipients and gets one recipient each', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    const { number } = await newDraftQuote('pom@bmasiamusic.com', 'Siam Riverside Hotel');
    const row = await quoteRow(page, number);
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();
    const field = page.getByTestId('extra-recipient');
    await field.focus();
    // a paste as the browser delivers it (this file is compiled without the DOM's types, hence the script as text)
    await page.evaluate(`{
      const data = new DataTransfer();
      data.setData('text/plain', 'gm@siamriverside.example, owner@siamriverside.example;\\nops@siamriverside.example');
      document.querySelector('[data-testid=extra-recipient]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }`);
    for (const address of ['gm@siamriverside.example', 'owner@siamriverside.example', 'ops@siamriverside.example']) {
      await page.locator('mat-chip-row', { hasText: address }).waitFor();
    }
    await expect(field.inputValue()).resolves.toBe('');
  });

  it('Pom types a message, presses Escape, keeps it, and finds it again when she reopens Send Email; Start again and Discard drop it', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    const { number } = await newDraftQuote('pom@bmasiamusic.com', 'Siam Riverside Hotel');
    const row = await quoteRow(page, number);
    const openDialog = async () => {
      await row.getByTestId('row-menu').click();
      await page.getByRole('menuitem', { name: 'Send Email' }).click();
      await page.getByTestId('sender-banner').waitFor();
    };
    await openDialog();
    await page.getByLabel('Message').fill('Dear Khun Somchai,\n\nAs we discussed on the phone this morning: the quote for all four outlets.');
    await page.keyboard.press('Escape');
    await page.getByTestId('ask-close').waitFor();
    await page.getByTestId('keep-draft').click();
    await page.getByTestId('sender-banner').waitFor({ state: 'detached' });

    await openDialog();
    await page.getByTestId('draft-restored').waitFor();
    await expect(page.getByLabel('Message').inputValue()).resolves.toContain('As we discussed on the phone this morning');
    await page.getByTestId('start-again').click();
    await expect(page.getByLabel('Message').inputValue()).resolves.not.toContain('As we discussed on the phone');
    await page.keyboard.press('Escape'); // nothing changed since: it closes without asking
    await page.getByTestId('sender-banner').waitFor({ state: 'detached' });

    await openDialog();
    await expect(page.getByTestId('draft-restored').count()).resolves.toBe(0);
    await page.getByLabel('Message').fill('A second thought');
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-draft').click();
    await page.getByTestId('sender-banner').waitFor({ state: 'detached' });
    await openDialog();
    await expect(page.getByLabel('Message').inputValue()).resolves.not.toContain('A second thought');
    await expect(page.getByTestId('draft-restored').count()).resolves.toBe(0);
  });
});
