import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type AppProcess, freePort, spawnApp } from '../support/app-process';
import { type MockOAuthProvider, startOAuthProvider } from '../support/oauth-provider';
import { type SmtpPeer, startSmtpPeer } from '../support/smtp-peers';
import { signIn, snap, usePagePerTest } from './support/browser';
import stopApp from './support/stop-app';

/**
 * "Connect with Google / Microsoft" in the browser, against local authorization servers that approve at once and
 * XOAUTH2 peers that accept only the access tokens those servers issued. The app runs on its own (embedded
 * database, demo data) because its OAuth settings come from the environment at start.
 */
describe('Mailboxes connected with Google and Microsoft (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  let app: AppProcess;
  let google: MockOAuthProvider;
  let microsoft: MockOAuthProvider;
  let gmail: SmtpPeer;
  let outlook: SmtpPeer;

  beforeAll(async () => {
    google = await startOAuthProvider('pom@bmasiamusic.com');
    microsoft = await startOAuthProvider('keith@bmasiamusic.com');
    gmail = await startSmtpPeer({ acceptsAccessToken: (_user, token) => google.validAccessTokens.has(token) });
    outlook = await startSmtpPeer({ acceptsAccessToken: (_user, token) => microsoft.validAccessTokens.has(token) });
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sendas-oauth-browser-')),
      DEV_SMTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_IP_LIMIT: '1000',
      OAUTH_REDIRECT_URL: `http://127.0.0.1:${port}/mailbox/oauth`,
      GOOGLE_OAUTH_CLIENT_ID: 'sendas-google',
      GOOGLE_OAUTH_CLIENT_SECRET: 'google-secret',
      GOOGLE_OAUTH_ISSUER: google.issuer,
      GOOGLE_SMTP_SERVER: `127.0.0.1:${gmail.port}`,
      MICROSOFT_OAUTH_CLIENT_ID: 'sendas-microsoft',
      MICROSOFT_OAUTH_CLIENT_SECRET: 'microsoft-secret',
      MICROSOFT_OAUTH_ISSUER: microsoft.issuer,
      MICROSOFT_SMTP_SERVER: `127.0.0.1:${outlook.port}`,
    };
    delete env.DATABASE_URL;
    delete env.SMTP_URL;
    delete env.NODE_ENV;
    app = await spawnApp(env);
  }, 180_000);
  afterAll(async () => {
    if (app) {
      (globalThis as { sendasApp?: unknown }).sendasApp = app.child;
      await stopApp();
    }
    await Promise.all([gmail?.close(), outlook?.close(), google?.close(), microsoft?.close()]);
  });
  beforeEach(() => {
    page = session.page;
  });

  async function connect(email: string, provider: 'google' | 'microsoft') {
    await signIn(page, email, undefined, app.baseUrl);
    await page.waitForURL(/\/quotes/);
    await page.goto(`${app.baseUrl}/settings/mailbox`);
    await page.getByTestId(`connect-${provider}`).click();
    // The provider's consent page approves at once and sends the browser back to /mailbox/oauth.
    await page.waitForURL(/\/settings\/mailbox/);
    await page.getByText('Mailbox connected').waitFor();
  }

  async function sendFirstDraftQuote(): Promise<string> {
    await page.goto(`${app.baseUrl}/quotes`);
    await page.getByRole('heading', { name: 'Quotes' }).waitFor();
    const row = page.locator('tr[data-number]').filter({ hasText: 'draft' }).first();
    const number = (await row.getAttribute('data-number'))!;
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();
    await page.getByTestId('send-button').click();
    return number;
  }

  it('Pom connects her Google mailbox and sends a quote through it with XOAUTH2', async () => {
    await connect('pom@bmasiamusic.com', 'google');
    await expect(page.getByTestId('mailbox-kind').textContent()).resolves.toContain('Google account (OAuth): pom@bmasiamusic.com');
    await expect(page.getByTestId('connect-google').textContent()).resolves.toContain('Reconnect with Google');
    await expect(page.getByTestId('app-password').count()).resolves.toBe(0);
    await snap(page, '40-pom-connected-google');

    const number = await sendFirstDraftQuote();
    await page.getByText(`${number} sent to`).waitFor();
    const delivered = gmail.received.find((mail) => mail.raw.includes(number));
    expect(delivered?.authUser).toBe('pom@bmasiamusic.com');
    expect(delivered?.from).toBe('pom@bmasiamusic.com');
  });

  it('Keith connects his Microsoft mailbox and sends through it', async () => {
    await connect('keith@bmasiamusic.com', 'microsoft');
    await expect(page.getByTestId('mailbox-kind').textContent()).resolves.toContain('Microsoft account (OAuth): keith@bmasiamusic.com');
    const number = await sendFirstDraftQuote();
    await page.getByText(`${number} sent to`).waitFor();
    expect(outlook.received.find((mail) => mail.raw.includes(number))?.authUser).toBe('keith@bmasiamusic.com');
  });

  it('a revoked consent stops the send with "Reconnect", nothing is sent, and reconnecting fixes it', async () => {
    google.revokeConsent();
    gmail.dropConnections();
    const received = gmail.received.length;
    await signIn(page, 'pom@bmasiamusic.com', undefined, app.baseUrl);
    await page.waitForURL(/\/quotes/);
    await sendFirstDraftQuote();
    const problem = page.getByRole('alert').filter({ hasText: 'Reconnect with Google' });
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('MAILBOX_RECONNECT_REQUIRED');
    await snap(page, '41-pom-reconnect-required');
    expect(gmail.received.length).toBe(received);

    await page.getByRole('button', { name: /mail settings/i }).click();
    await page.getByTestId('reconnect-required').waitFor();
    await page.getByTestId('connect-google').click();
    await page.getByText('Mailbox connected').waitFor();
    await expect(page.getByTestId('reconnect-required').count()).resolves.toBe(0);
    await snap(page, '42-pom-reconnected');
  });
});
