import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const baseUrl = () => process.env.SENDAS_BASE_URL!;
export const DEMO_PASSWORD = 'sendas-demo';

/** Debian's Chromium, headless, with the flags this offline machine needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs in on the login page (of the app at `base`), going there first unless a redirect already did. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, base = baseUrl()): Promise<void> {
  if (!page.url().includes('/login')) await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** Keeps a picture of each step under test/web/screenshots/ (ignored by git). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * One browser for the file, a fresh context (no cookies, no storage) and page for each test. Every test also
 * checks that the page ran under the server's Content-Security-Policy without a single violation.
 */
/** The browser's clock is in Bangkok, like the demo team's (the organisation's zone with the demo). */
export const BANGKOK = { timezoneId: 'Asia/Bangkok' } as const;

export function usePagePerTest(): { readonly page: Page } {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    context = await browser.newContext(BANGKOK);
    page = await context.newPage();
    // a cold first page (fonts, lazy chunks) on a busy 2-core machine can take longer than Playwright's 30 s default
    page.setDefaultTimeout(45_000);
    violations = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
  });
  afterEach(async () => {
    await context.close();
    expect(violations).toEqual([]);
  });
  return {
    get page() {
      return page;
    },
  };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * The serious and critical accessibility problems axe-core finds on the page as it is now (WCAG 2.1 A and AA),
 * as readable lines. The script goes in through the DevTools protocol, not a <script> tag the CSP would refuse.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } };
    const result = await axe.run({ exclude: ['.cdk-visually-hidden'] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The page is wider than the screen: the document, the scrolling content beside the side navigation (which is what
 * scrolls on every page of the shell), an open dialog's content, or a table's wrapper.
 */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    // Runs in the page (this file is compiled without the DOM types).
    type Box = { scrollWidth: number; clientWidth: number };
    const { document } = globalThis as unknown as { document: { documentElement: Box; querySelectorAll(selector: string): ArrayLike<Box> } };
    const scrollers = document.querySelectorAll('mat-sidenav-content, mat-dialog-content, .mat-mdc-dialog-content, .table-wrap');
    return [document.documentElement, ...Array.from(scrollers)].some((box) => box.scrollWidth > box.clientWidth);
  });
}

/** The API as `email` (signed in with the demo password), for a test's own setup and clean-up. */
export async function apiAs(email: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`${email} cannot sign in: ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T = unknown>(path: string, init: { method?: string; body?: object } = {}): Promise<T> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${accessToken}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

/**
 * Waits until an input shows `value` (set by the app, not typed). Polls the locator: a string predicate for
 * waitForFunction would be evaluated as code, which the page's Content-Security-Policy rightly refuses.
 */
export async function waitForValue(input: Locator, value: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await input.inputValue()) !== value) {
    if (Date.now() > deadline) throw new Error(`The input still shows "${await input.inputValue()}", not "${value}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** On a sent quote's page: marks it accepted (confirming), then creates the invoice from it, whose page opens. */
export async function acceptAndInvoice(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await page.getByTestId('document-more').click();
  await page.getByRole('menuitem', { name: 'Mark as accepted' }).click();
  await page.getByTestId('confirm').click();
  await heading.filter({ hasText: 'accepted' }).waitFor();
  await page.getByTestId('document-more').click();
  await page.getByRole('menuitem', { name: 'Create invoice from this quote' }).click();
  await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
}

/**
 * A new draft quote of `email`'s for the demo company named `company`, made through the API for the test that uses
 * it (so no test sends, schedules or changes a document another test counts on). Open its row with `quoteRow`.
 */
export async function newDraftQuote(email: string, company: string): Promise<{ id: string; number: string }> {
  const as = await apiAs(email);
  const { items } = await as<{ items: Array<{ id: string; name: string }> }>(`/api/companies?q=${encodeURIComponent(company)}`);
  const target = items.find((each) => each.name === company);
  if (!target) throw new Error(`${email} sees no company named ${company}`);
  return as('/api/quotes', {
    method: 'POST',
    body: {
      companyId: target.id,
      currency: 'THB',
      lines: [{ description: 'Background music licence, 12 months', quantity: 1, unitPrice: '24000.00', taxRate: 7 }],
    },
  });
}

/** The row of quote `number` in the quotes list, searched for by its number (so other tests' documents never hide it). */
export async function quoteRow(page: Page, number: string): Promise<Locator> {
  await page.goto(`${baseUrl()}/quotes?q=${encodeURIComponent(number)}`);
  const row = page.locator(`tr[data-number="${number}"]`);
  await row.waitFor();
  return row;
}
