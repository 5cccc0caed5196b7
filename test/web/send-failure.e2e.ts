import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { HealthResponse, UserDto } from '@sendas/contracts';
import { accessibilityProblems, apiAs, baseUrl, quoteRow, scrollsSideways, signIn, snap, usePagePerTest } from './support/browser';

const DEMO_PASSWORD = 'sendas-demo';

describe('A failed send stays in sight (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('Ploy’s send fails on her mailbox’s password: the quote says so with the reason and Try again, and its list row too', async () => {
    // Ploy, a new salesperson whose mailbox at the dev mail catcher has a password the catcher does not take
    const asNorbert = await apiAs('norbert@bmasiamusic.com');
    const email = `ploy-${randomUUID().slice(0, 8)}@bmasiamusic.com`;
    const ploy = await asNorbert<UserDto>('/api/users', { method: 'POST', body: { email, name: 'Ploy', role: 'sales', password: DEMO_PASSWORD } });
    const asPloy = await apiAs(email);
    const { mail } = (await (await fetch(`${baseUrl()}/api/health`)).json()) as HealthResponse;
    await asPloy('/api/users/me/smtp', {
      method: 'PUT',
      body: { provider: 'custom', host: mail.devCatcher!.host, port: mail.devCatcher!.port, security: 'none', password: 'not her app password' },
    });
    const { items } = await asNorbert<{ items: Array<{ id: string; name: string }> }>('/api/companies?q=Harbour');
    const quote = await asNorbert<{ id: string; number: string }>('/api/quotes', {
      method: 'POST',
      body: {
        companyId: items[0].id,
        ownerId: ploy.id,
        currency: 'THB',
        lines: [{ description: 'Background music licence, 12 months', quantity: 1, unitPrice: '24000.00', taxRate: 7 }],
      },
    });

    await signIn(page, email);
    await page.waitForURL(/\/quotes/);
    const row = await quoteRow(page, quote.number);
    await row.locator('a.number').click();
    await page.getByTestId('detail-send').click();
    await page.getByTestId('send-button').click();
    await expect(page.getByTestId('send-error').textContent()).resolves.toContain('Nothing was sent');
    await page.getByRole('button', { name: 'Cancel' }).click();

    const problem = page.getByTestId('last-send-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('The last send failed: nothing was sent.');
    await expect(problem.textContent()).resolves.toContain(email);
    await expect(page.locator('article.email[data-status=failed]').count()).resolves.toBe(1);
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await snap(page, '70-last-send-failed');

    await problem.getByTestId('try-again').click();
    await page.getByTestId('sender-banner').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    const listed = await quoteRow(page, quote.number);
    await expect(listed.getByTestId('send-problem').textContent()).resolves.toContain('send failed');
    // on a small phone the marker sits under the number and breaks over lines rather than widen the table
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await quoteRow(page, quote.number);
    await expect(scrollsSideways(page)).resolves.toBe(false);
  });
});
