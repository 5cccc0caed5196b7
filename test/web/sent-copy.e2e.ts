import type { Page } from 'playwright-core';
import { type ImapServer, startImapServer } from '../support/imap-server';
import { apiAs, baseUrl, newDraftQuote, quoteRow, signIn, snap, usePagePerTest } from './support/browser';

const POM = 'pom@bmasiamusic.com';
const POM_APP_PASSWORD = 'pomd emoa ppps wd26';

describe('The Sent copy (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  let imap: ImapServer;
  beforeAll(async () => {
    imap = await startImapServer({ accounts: { [POM]: POM_APP_PASSWORD } });
  });
  beforeEach(() => {
    page = session.page;
  });
  afterAll(async () => {
    // Pom's demo mailbox saves no copies in the other tests, whatever their order
    const asPom = await apiAs(POM);
    await asPom('/api/users/me/smtp', { method: 'PUT', body: { provider: 'custom', saveSentCopy: false } });
    await imap?.stop();
  });

  it('Pom turns on "Save a copy to Sent" for her Other SMTP mailbox, sends a quote, and the history shows the copy saved', async () => {
    await signIn(page, POM);
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/settings/mailbox`);
    const statement = page.getByTestId('sent-copy-statement');
    await expect(statement.textContent()).resolves.toContain('keep no copy of what is sent over SMTP');

    await page.getByTestId('save-sent-copy').locator('input').check();
    await page.getByLabel('IMAP host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('IMAP port', { exact: true }).fill(String(imap.port));
    await page.getByLabel('IMAP security', { exact: true }).click();
    await page.getByRole('option', { name: 'None' }).click();
    await expect(statement.textContent()).resolves.toContain('Sendas saves the exact message to your Sent folder on 127.0.0.1');
    // the stored password goes to a new server only when typed again
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByTestId('app-password').fill(POM_APP_PASSWORD);
    await page.getByTestId('test-connection').click();
    await expect(page.getByTestId('test-result').textContent()).resolves.toContain('will be saved to "Sent" on 127.0.0.1');
    await page.getByTestId('save-mailbox').click();
    await page.getByText('App password saved').waitFor();
    await snap(page, '20-pom-sent-copy-settings');

    const { number } = await newDraftQuote(POM, 'Siam Riverside Hotel');
    const row = await quoteRow(page, number);
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await expect(page.getByTestId('sent-copy-note').textContent()).resolves.toContain('After sending, Sendas saves a copy to the Sent folder on 127.0.0.1.');
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();

    const asPom = await apiAs(POM);
    const { items } = await asPom<{ items: Array<{ id: string }> }>(`/api/quotes?q=${encodeURIComponent(number)}`);
    await page.goto(`${baseUrl()}/quotes/${items[0].id}`);
    // pending at first, the history follows the copy until it is saved
    const copy = page.getByTestId('sent-copy').first();
    await page.locator('[data-testid=sent-copy][data-copy=saved]').first().waitFor({ timeout: 20_000 });
    await expect(copy.textContent()).resolves.toContain('Copy saved to Sent: Saved to "Sent" on 127.0.0.1.');
    await copy.scrollIntoViewIfNeeded();
    await snap(page, '21-history-copy-saved');

    const stored = await imap.messages(POM, POM_APP_PASSWORD);
    expect(stored.filter((message) => message.raw.includes(number))).toHaveLength(1);
  });
});
