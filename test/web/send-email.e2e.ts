import type { Page } from 'playwright-core';
import { apiAs, baseUrl, newDraftQuote, quoteRow, signIn, snap, usePagePerTest } from './support/browser';

const DEV_SMTP_PORT = () => Number(process.env.SENDAS_DEV_SMTP_PORT);
const POM_APP_PASSWORD = 'pomd emoa ppps wd26';

describe('Sending a quote (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  /** Opens the Send Email dialog of a new draft quote of `email`'s for `company`. */
  async function openSendDialog(email: string, company: string): Promise<string> {
    const { number } = await newDraftQuote(email, company);
    const row = await quoteRow(page, number);
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();
    return number;
  }

  it('Pom sends a quote from her own mailbox; the dev mailbox shows it from Pom with the PDF', async () => {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    // Siam Riverside Hotel has a primary contact (Somchai) and a billing-only one (Malee): a quote goes to the first
    const number = await openSendDialog('pom@bmasiamusic.com', 'Siam Riverside Hotel');

    await expect(page.getByTestId('sender-banner').textContent()).resolves.toContain('from your own mailbox');
    await expect(page.locator('mat-checkbox', { hasText: 'Somchai Jaidee' }).locator('input').isChecked()).resolves.toBe(true);
    await expect(page.locator('mat-checkbox', { hasText: 'Malee Srisuk' }).locator('input').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Subject').inputValue()).resolves.toContain(number);

    await snap(page, '01-pom-send-dialog');
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();
    await snap(page, '02-pom-sent-snackbar');
    await page.locator('tr[data-number="' + number + '"]', { hasText: 'sent' }).waitFor();

    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    await page.locator(`[data-subject*="${number}"]`).first().click();
    await expect(page.getByTestId('dev-auth-user').textContent()).resolves.toBe('pom@bmasiamusic.com');
    await expect(page.getByTestId('dev-from').textContent()).resolves.toContain('pom@bmasiamusic.com');
    await expect(page.getByTestId('dev-attachment').textContent()).resolves.toContain(`Quote-${number}.pdf`);
    await snap(page, '03-dev-mailbox-from-pom');
  });

  it('Keith, with no mailbox of his own, is told it goes from the company account, and it arrives with Reply-To Keith', async () => {
    await signIn(page, 'keith@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    const number = await openSendDialog('keith@bmasiamusic.com', 'Harbour Fitness Ltd');
    const banner = await page.getByTestId('sender-banner').textContent();
    expect(banner).toContain('No mailbox of your own is set up');
    expect(banner).toContain('keith@bmasiamusic.com');
    await snap(page, '04-keith-company-account');
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();

    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    await page.locator(`[data-subject*="${number}"]`).first().click();
    await expect(page.getByTestId('dev-auth-user').textContent()).resolves.toBe('sendas-system');
    await expect(page.getByTestId('dev-reply-to').textContent()).resolves.toContain('keith@bmasiamusic.com');
  });

  it("Norbert sets up Keith's mailbox in the admin view and tests it", async () => {
    const asNorbert = await apiAs('norbert@bmasiamusic.com');
    const keith = (await asNorbert<Array<{ id: string; email: string }>>('/api/users')).find((user) => user.email === 'keith@bmasiamusic.com')!;
    try {
      await setUpKeithsMailbox();
    } finally {
      // Keith has no mailbox of his own in the other tests, whatever their order
      await asNorbert(`/api/users/${keith.id}/smtp`, { method: 'DELETE' });
    }
  });

  async function setUpKeithsMailbox() {
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/admin/users`);
    const row = page.locator('tr', { hasText: 'keith@bmasiamusic.com' });
    await row.getByRole('button', { name: 'Edit mailbox' }).click();
    await page.getByText('Mailbox of Keith').waitFor();
    await page.getByLabel('Provider').click();
    await page.getByRole('option', { name: 'Other SMTP server' }).click();
    await page.getByLabel('SMTP host').fill('127.0.0.1');
    await page.getByLabel('Port').fill(process.env.SENDAS_DEV_SMTP_PORT!);
    await page.getByLabel('Security').click();
    await page.getByRole('option', { name: 'None' }).click();
    await page.getByTestId('app-password').fill('keit hdem oapp pw26');
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result').textContent()).resolves.toContain('signed in as keith@bmasiamusic.com');
    await page.getByTestId('save-mailbox').click();
    await page.getByText('App password saved').waitFor();
    await snap(page, '05-norbert-edits-keith-mailbox');
    await expect(row.locator('app-status-chip').textContent()).resolves.toMatch(/^\s*(configured|verified)\s*$/);
  }

  it('Pom breaks her app password: Test shows the error, a send shows it in the dialog, and nothing arrives', async () => {
    const asPom = await apiAs('pom@bmasiamusic.com');
    try {
      await breakPomsPasswordAndSend(asPom);
    } finally {
      // her mailbox works again for the other tests, whatever their order
      await asPom('/api/users/me/smtp', {
        method: 'PUT',
        body: { provider: 'custom', host: '127.0.0.1', port: DEV_SMTP_PORT(), security: 'none', password: POM_APP_PASSWORD },
      });
    }
  });

  async function breakPomsPasswordAndSend(asPom: Awaited<ReturnType<typeof apiAs>>) {
    await signIn(page, 'pom@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/settings/mailbox`);
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByTestId('app-password').fill('a wrong app password');
    await page.getByTestId('test-connection').click();
    const result = await page.getByTestId('test-result').textContent();
    expect(result).toContain('rejected the password for pom@bmasiamusic.com');
    expect(result).toContain('SMTP_AUTH_FAILED');
    await page.getByTestId('save-mailbox').click();
    await page.getByText('App password saved').waitFor();
    await snap(page, '06-pom-broken-password');

    const number = await openSendDialog('pom@bmasiamusic.com', 'Siam Riverside Hotel');
    await page.getByTestId('send-button').click();
    const error = await page.getByTestId('send-error').textContent();
    expect(error).toContain('SMTP_AUTH_FAILED');
    expect(error).toContain('Open mail settings');
    await snap(page, '07-send-error-in-dialog');
    await page.keyboard.press('Escape');

    // the catcher keeps a message before it answers the send, so the send's answer is the moment to look
    const caught = await asPom<{ total: number }>(`/api/dev/mailbox?q=${encodeURIComponent(number)}`);
    expect(caught.total).toBe(0);
  }

  it('Nikki tests her mailbox connection in settings and sees that it works', async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/settings/mailbox`);
    await page.getByText('App password saved').waitFor();
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result').textContent()).resolves.toContain('signed in as nikki.h@bmasiamusic.com');
  });

  it('offers Send only where the detail page would: not to Nikki (finance) on a quote', async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.locator('tr[data-number]').first().getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Download PDF' }).waitFor();
    await expect(page.getByRole('menuitem', { name: 'Send Email' }).count()).resolves.toBe(0);
  });

  it("Norbert opens Pom's quote: it goes on her behalf, from her mailbox, unless he chooses otherwise", async () => {
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await openSendDialog('pom@bmasiamusic.com', 'Siam Riverside Hotel');
    await page.getByTestId('sender-banner').filter({ hasText: 'Sending on behalf of Pom' }).waitFor();
    await expect(page.getByTestId('sender-hint').textContent()).resolves.toBe("Goes out through Pom's own mailbox; the log records you both.");
    await page.getByLabel('Send on behalf of').click();
    await expect(page.getByRole('option').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^\s*Norbert \(you\)\s*$/)]));
    await expect(page.getByRole('option', { name: /^Norbert/ }).count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('Norbert picks Pom in "on behalf of" and the dialog shows her mailbox, usage and signature before he sends', async () => {
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await openSendDialog('norbert@bmasiamusic.com', 'Siam Riverside Hotel');
    await expect(page.getByTestId('sender-banner').textContent()).resolves.toContain('company account');
    await page.getByLabel('Send on behalf of').click();
    await page.getByRole('option', { name: /^Pom/ }).click();
    await page.getByTestId('sender-banner').filter({ hasText: 'Sending on behalf of Pom' }).waitFor();
    await expect(page.getByTestId('sender-banner').textContent()).resolves.toContain("from Pom's own mailbox");
    await page.getByText("messages left today in Pom's mailbox").waitFor();
    await snap(page, '05-norbert-on-behalf-of-pom');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
