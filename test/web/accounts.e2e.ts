import type { Page } from 'playwright-core';
import type { DevMailDetail, DevMailPage } from '@sendas/contracts';
import { apiAs, baseUrl, scrollsSideways, signIn, snap, usePagePerTest } from './support/browser';

const WIDTHS = [
  { name: 'desktop', width: 1360, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** The link of the newest reset mail to `email` in the dev mailbox, on this run's address. */
async function resetLinkFor(email: string): Promise<string> {
  const norbert = await apiAs('norbert@bmasiamusic.com');
  for (let attempt = 0; attempt < 50; attempt++) {
    const page = await norbert<DevMailPage>(`/api/dev/mailbox?q=${encodeURIComponent(email)}`);
    if (page.items.length) {
      const mail = await norbert<DevMailDetail>(`/api/dev/mailbox/${page.items[0].id}`);
      const link = /\/reset-password#token=[\w-]+/.exec(mail.text ?? '');
      if (!link) throw new Error(`no link in ${mail.text}`);
      return `${baseUrl()}${link[0]}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no reset mail reached ${email}`);
}

describe('My account (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it.each(WIDTHS)('a forgotten password is replaced through the mailed link ($name)', async ({ name, width, height }) => {
    await page.setViewportSize({ width, height });
    const email = `ploy.${name}.${Date.now()}@bmasiamusic.com`;
    const norbert = await apiAs('norbert@bmasiamusic.com');
    await norbert('/api/users', { method: 'POST', body: { email, name: 'Ploy', role: 'sales', password: 'the-old-password' } });

    await page.goto(`${baseUrl()}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(/\/forgot-password\?email=/);
    expect(await page.getByLabel('Email of your account').inputValue()).toBe(email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expect(page.getByTestId('reset-link-sent').textContent()).resolves.toContain('works once, for 30 minutes');
    expect(await scrollsSideways(page)).toBe(false);
    await snap(page, `70-forgot-password-${name}`);

    await page.goto(await resetLinkFor(email));
    await page.getByLabel('New password', { exact: true }).fill('a-fresh-passphrase');
    await page.getByLabel('New password again').fill('a-fresh-passphrase');
    await snap(page, `71-new-password-${name}`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL(/\/login$/);
    await expect(page.getByTestId('signed-out-reason').textContent()).resolves.toContain('Your new password is set');

    await signIn(page, email, 'the-old-password');
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('Email or password is wrong');
    await page.getByLabel('Password', { exact: true }).fill('a-fresh-passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/quotes$/);
  });

  it('a used link says so and offers a new one', async () => {
    const email = `ploy.used.${Date.now()}@bmasiamusic.com`;
    const norbert = await apiAs('norbert@bmasiamusic.com');
    await norbert('/api/users', { method: 'POST', body: { email, name: 'Ploy', role: 'sales', password: 'the-old-password' } });
    await norbert('/api/auth/password-reset', { method: 'POST', body: { email } });
    const link = await resetLinkFor(email);
    await norbert('/api/auth/password-reset/complete', { method: 'POST', body: { token: link.split('#token=')[1], newPassword: 'used-it-already' } });

    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('a-fresh-passphrase');
    await page.getByLabel('New password again').fill('a-fresh-passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByTestId('reset-error').textContent()).resolves.toContain('expired or was already used');
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.waitForURL(/\/forgot-password$/);
  });
});
