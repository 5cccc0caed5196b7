import type { Page } from 'playwright-core';
import { scrollsSideways, signIn, snap, usePagePerTest } from './support/browser';

/** A phone (390 × 844): the menu holds every destination and the account, pages fit, the Send button is on screen. */
describe('On a phone (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(async () => {
    page = session.page;
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('Pom finds everything in the menu, the quotes fit the screen, and the Send dialog keeps Send visible', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.getByRole('heading', { name: 'Quotes' }).waitFor();
    await page.locator('tr[data-number]').first().waitFor();
    await snap(page, '60-phone-quotes');
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByTestId('nav-toggle').click();
    for (const destination of ['Companies', 'Quotes', 'Invoices', 'My mailbox', 'API keys', 'Sign out']) {
      await page.getByRole('navigation').or(page.locator('mat-sidenav')).getByText(destination, { exact: true }).first().waitFor();
    }
    await page.locator('mat-sidenav').getByText('Sign out').click({ trial: true }); // waits until the drawer stopped moving
    await snap(page, '61-phone-menu');
    await page.locator('mat-sidenav').getByText('Companies', { exact: true }).click();
    await page.getByRole('heading', { name: 'Companies' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByTestId('nav-toggle').click();
    await page.locator('mat-sidenav').getByText('Quotes', { exact: true }).click();
    await page.getByRole('heading', { name: 'Quotes' }).waitFor();
    const row = page.locator('tr[data-number]').filter({ hasText: 'draft' }).first();
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();
    const send = await page.getByTestId('send-button').boundingBox();
    expect(send).not.toBeNull();
    expect(send!.y + send!.height).toBeLessThanOrEqual(844);
    expect(send!.x + send!.width).toBeLessThanOrEqual(390);
    await snap(page, '62-phone-send-dialog');
    await page.keyboard.press('Escape');

    // Send many on a phone: the preview fits, and its Send button is on screen (cancelled: other tests send these)
    const rows = page.locator('tr[data-number]').filter({ has: page.getByTestId('select-row') });
    for (let n = 0; n < 2; n++) await rows.nth(n).getByTestId('select-row').locator('input').check();
    await page.getByTestId('send-selected').click();
    await page.getByTestId('bulk-preview').locator('li').nth(1).waitFor();
    const start = await page.getByTestId('start-bulk').boundingBox();
    expect(start).not.toBeNull();
    expect(start!.y + start!.height).toBeLessThanOrEqual(844);
    expect(start!.x + start!.width).toBeLessThanOrEqual(390);
    expect(await scrollsSideways(page)).toBe(false);
    await snap(page, '63-phone-send-many');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
