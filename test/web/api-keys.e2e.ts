import type { Page } from 'playwright-core';
import { baseUrl, signIn, snap, usePagePerTest } from './support/browser';

/** Nikki (finance) makes a key for the ERP in the web app, the key works on the API, and revoking it stops it. */
describe('API keys (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  const whoAmI = async (key: string) => (await fetch(`${baseUrl()}/api/auth/me`, { headers: { Authorization: `Bearer ${key}` } })).status;

  it('creates a key shown once, which works on the API until it is revoked', async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();

    await page.getByTestId('api-key-name').fill('ERP invoices');
    await page.getByTestId('create-api-key').click();
    const secret = (await page.getByTestId('api-key-secret').textContent())!.trim();
    expect(secret).toMatch(/^sk_/);
    await snap(page, '50-nikki-new-api-key');
    expect(await whoAmI(secret)).toBe(200);

    const row = page.locator('tr[data-key="ERP invoices"]');
    await expect(row.textContent()).resolves.toContain(secret.slice(0, 11));
    await expect(row.textContent()).resolves.not.toContain(secret.slice(11));

    await page.getByRole('button', { name: 'Revoke ERP invoices' }).click();
    await page.getByRole('button', { name: 'Yes, revoke ERP invoices' }).click();
    await page.getByText('ERP invoices revoked').waitFor();
    expect(await whoAmI(secret)).toBe(401);
  });
});
