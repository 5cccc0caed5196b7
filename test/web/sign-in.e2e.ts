import type { Page } from 'playwright-core';
import { baseUrl, signIn, usePagePerTest } from './support/browser';

describe('Signing in (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('sends a visitor to the login page and back to the page asked for, with her name and role in the top bar', async () => {
    await page.goto(`${baseUrl()}/settings/profile`);
    await page.waitForURL(/\/login\?returnUrl=/);
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/settings\/profile$/);
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Pom');
    await expect(page.getByTestId('user-role').textContent()).resolves.toBe('Sales');
    // icons come from the self-hosted font, not printed as words
    const iconWidth = await page.locator('mat-toolbar mat-icon').first().evaluate((el) => el.getBoundingClientRect().width);
    expect(iconWidth).toBeLessThan(40);
  });

  it('shows a clear message for a wrong password and stays on the login page', async () => {
    await signIn(page, 'keith@bmasiamusic.com', 'wrong-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Email or password is wrong');
    expect(page.url()).toContain('/login');
  });

  it('keeps the session across a reload, saves the signature, and signs out', async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    await page.goto(`${baseUrl()}/settings/profile`);
    await page.reload();
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Nikki');

    const signature = page.getByLabel('Email signature');
    await signature.fill('Nikki H.\nFinance, BMAsia Music');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Profile saved').waitFor();
    await page.reload();
    await expect(page.getByLabel('Email signature').inputValue()).resolves.toBe('Nikki H.\nFinance, BMAsia Music');

    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${baseUrl()}/settings/profile`);
    await page.waitForURL(/\/login/);
  });
});
