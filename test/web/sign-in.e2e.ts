import type { Page } from 'playwright-core';
import { BANGKOK, baseUrl, signIn, snap, usePagePerTest } from './support/browser';

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
    const iconWidth = await page
      .locator('mat-toolbar mat-icon')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(iconWidth).toBeLessThan(40);
  });

  it('shows a clear message for a wrong password and stays on the login page', async () => {
    await signIn(page, 'keith@bmasiamusic.com', 'wrong-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Email or password is wrong');
    expect(page.url()).toContain('/login');
  });

  it('keeps the session in an httpOnly cookie only, renews the short-lived token in memory, and ends it at sign-out', async () => {
    await signIn(page, 'keith@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    const renewal = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'), { timeout: 20_000 });
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'sendas_session', httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth' });
    await expect(page.evaluate('[document.cookie, localStorage.length, sessionStorage.length]')).resolves.toEqual(['', 0, 0]);

    // tokens last a minute in this run: the app renews before expiry and keeps working with the new token
    expect((await renewal).status()).toBe(200);
    const nextCall = page.waitForResponse((response) => response.url().includes('/api/invoices'));
    await page.getByRole('link', { name: 'Invoices' }).click();
    const renewedToken = (await renewal.then((response) => response.json())) as { accessToken: string };
    const call = await nextCall;
    expect(call.request().headers().authorization).toBe(`Bearer ${renewedToken.accessToken}`);
    expect(call.status()).toBe(200);

    const signedOut = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect((await signedOut).status()).toBe(204);
    await expect(page.context().cookies()).resolves.toEqual([]);
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

  it("Norbert resets a new colleague's password: her open session ends with the reason, and the new password works", async () => {
    const email = `tess.${Date.now()}@bmasiamusic.com`;
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    await page.goto(`${baseUrl()}/admin/users`);
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Name').fill('Tess');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('first-password-1');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('User created').waitFor();

    const tessContext = await page.context().browser()!.newContext(BANGKOK);
    try {
      const tess = await tessContext.newPage();
      await signIn(tess, email, 'first-password-1');
      await tess.waitForURL(/\/quotes$/);

      await page.getByRole('button', { name: 'Reset password of Tess' }).click();
      await page.getByLabel('New password').fill('second-password-2');
      await page.locator('.reset').getByRole('button', { name: 'Reset password' }).click();
      await page.getByText('Password of Tess reset').waitFor();

      await tess.reload();
      await tess.waitForURL(/\/login/);
      await expect(tess.getByTestId('signed-out-reason').textContent()).resolves.toContain('password of this account was changed');
      await tess.evaluate('document.fonts.ready');
      await snap(tess, '08-tess-signed-out-after-reset');
      await signIn(tess, email, 'second-password-2');
      await tess.waitForURL(/\/quotes$/);
    } finally {
      await tessContext.close();
    }
  });
});
