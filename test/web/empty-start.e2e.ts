import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type AppProcess, spawnApp } from '../support/app-process';
import { acceptAndInvoice, signIn, snap, usePagePerTest, waitForValue } from './support/browser';

/**
 * A team that starts from nothing: no demo data (SEED_DEMO=false), the first superuser made with the user:create
 * command, everything else done in the web app. This file runs its own app on its own embedded database.
 */
describe('A team starting from an empty database (browser)', () => {
  const session = usePagePerTest();
  const dataDir = mkdtempSync(join(tmpdir(), 'sendas-empty-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    DEV_SMTP_PORT: '0',
    LOG_LEVEL: 'warn',
    LOGIN_THROTTLE_IP_LIMIT: '1000',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.NODE_ENV;
  let app: AppProcess;

  beforeAll(async () => {
    const created = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['dist/api/apps/api/src/users/create-user.command.js', '--email', 'owner@team.example', '--name', 'Olivia'], {
        env,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
      child.stdin.end('first-owner-password\n');
    });
    if (created.code !== 0) throw new Error(`user:create failed: ${created.output}`);
    app = await spawnApp(env);
  }, 180_000);
  afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exited;
  });

  async function signInHere(page: Page, email: string, password: string) {
    await signIn(page, email, password, app.baseUrl);
    await page.waitForURL(/\/quotes$/);
  }

  it('the first superuser adds a salesperson and words the quote email; the salesperson makes a customer, a quote, sends it with that wording, then invoices it', async () => {
    const page = session.page;
    await signInHere(page, 'owner@team.example', 'first-owner-password');
    await page.getByText('No quotes yet.').waitFor();
    await page.goto(`${app.baseUrl}/admin/users`);
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByLabel('Name').fill('Sam Seller');
    await page.getByLabel('Email').fill('sam@team.example');
    await page.getByLabel('Password', { exact: true }).fill('sam-first-password');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('User created').waitFor();
    // the team's own wording for quotes, which the next Send dialog starts from
    await page.goto(`${app.baseUrl}/admin/templates`);
    const templateBody = page.getByTestId('template-body');
    await templateBody.waitFor();
    await templateBody.fill('Dear {{contact.greetingName}},\n\nHere is quote {{document.number}} from the new team.\n\nKind regards,');
    await page.getByTestId('no-sample').filter({ hasText: 'No quote yet to preview with' }).waitFor();
    await page.getByTestId('save-template').click();
    await page.getByText('Quote template (English) saved.').waitFor();
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);

    await signInHere(page, 'sam@team.example', 'sam-first-password');
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByText('No companies here yet').waitFor();
    await page.getByTestId('new-company').click();
    await page.getByLabel('Company name').fill('First Customer Co');
    await page.getByTestId('create-company').click();
    await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
    await page.getByTestId('add-contact').click();
    await page.getByLabel('Name', { exact: true }).fill('Fern First');
    await page.getByLabel('Email').fill('fern@customer.example');
    await page.getByTestId('save-contact').click();
    await page.locator('[data-contact="Fern First"]').waitFor();

    await page.getByTestId('new-quote').click();
    await page.waitForURL(/\/quotes\/new\?companyId=/);
    await waitForValue(page.getByTestId('company-input'), 'First Customer Co');
    await page.getByTestId('line-0').getByLabel('Description').fill('Consulting');
    await page.getByTestId('line-0').getByLabel('Unit price').fill('1000');
    await page.getByTestId('total').filter({ hasText: '1,070.00' }).waitFor();
    await page.getByTestId('save-document').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    const heading = page.getByRole('heading', { level: 1 });
    const number = /Q-\d{4}-\d{4,}/.exec((await heading.filter({ hasText: 'draft' }).textContent()) ?? '')![0];

    // Sam has no mailbox of his own yet: it goes through the company account, and the dialog says so
    await page.getByTestId('detail-send').click();
    await expect(page.getByTestId('sender-banner').textContent()).resolves.toContain('No mailbox of your own is set up');
    const message = await page.getByLabel('Message').inputValue();
    expect(message).toContain('Dear Fern First,');
    expect(message).toContain(`Here is quote ${number} from the new team.`);
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} sent to`).waitFor();
    await heading.filter({ hasText: 'sent' }).waitFor();

    await acceptAndInvoice(page);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /Invoice INV-\d{4}-0001/ })
      .waitFor();
    await snap(page, '14-empty-start-first-invoice');
  });
});
