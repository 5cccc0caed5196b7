import type { Page } from 'playwright-core';
import { apiAs, newDraftQuote, quoteRow, signIn, snap, usePagePerTest } from './support/browser';

describe('Send later (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('Pom schedules a quote for tomorrow 09:00 in her time zone, sees it in the history and under Scheduled, and cancels it', async () => {
    const asPom = await apiAs('pom@bmasiamusic.com');
    // the demo team starts in the organisation's zone, Bangkok: nobody set it on her profile
    await expect(asPom<{ timeZone: string }>('/api/auth/me')).resolves.toMatchObject({ timeZone: 'Asia/Bangkok' });
    await signIn(page, 'pom@bmasiamusic.com');
    await page.getByRole('heading', { name: 'Quotes' }).waitFor();
    const { number } = await newDraftQuote('pom@bmasiamusic.com', 'Siam Riverside Hotel');
    const row = await quoteRow(page, number);
    await row.getByTestId('row-menu').click();
    await page.getByRole('menuitem', { name: 'Send Email' }).click();
    await page.getByTestId('sender-banner').waitFor();

    await page.getByTestId('send-later').locator('input').check();
    await expect(page.getByTestId('later-fields').textContent()).resolves.toContain('In your time zone, Asia/Bangkok');
    await expect(page.getByTestId('later-time').inputValue()).resolves.toBe('09:00');
    await expect(page.getByTestId('send-button').textContent()).resolves.toContain('Schedule');
    await snap(page, '30-send-later');
    await page.getByTestId('send-button').click();
    await page.getByText(`${number} will be sent`).waitFor();

    // the quote is still a draft, with the scheduled send at the top of its history
    await row.locator('a.number').click();
    const scheduled = page.getByTestId('scheduled-send').first();
    await scheduled.waitFor();
    await expect(scheduled.textContent()).resolves.toMatch(/scheduled.*09:00 \(Asia\/Bangkok\)|09:00.*Asia\/Bangkok/s);
    await snap(page, '31-history-scheduled');

    await page.getByRole('link', { name: 'Scheduled' }).first().click();
    const waiting = page.locator(`tr[data-number="${number}"]`);
    await waiting.waitFor();
    await expect(waiting.textContent()).resolves.toMatch(/09:00.*Asia\/Bangkok/s);
    await snap(page, '32-scheduled-page');
    await waiting.getByTestId('cancel-scheduled').click();
    await page.getByTestId('confirm').click();
    await page.getByText(`The send of ${number} is cancelled.`).waitFor();
    await waiting.waitFor({ state: 'detached' });

    const { items } = await asPom<{ items: Array<{ documentNumber: string; status: string }> }>('/api/outbox?status=cancelled');
    expect(items.filter((send) => send.documentNumber === number).map((send) => send.status)).toEqual(['cancelled']);
  });

  it('Pom sends a quote that is already scheduled: the dialog shows the pending send in her zone and cancels it when she says so', async () => {
    const asPom = await apiAs('pom@bmasiamusic.com');
    await asPom('/api/users/me', { method: 'PATCH', body: { timeZone: 'Asia/Bangkok' } });
    const me = await asPom<{ id: string }>('/api/auth/me');
    const company = await asPom<{ id: string }>('/api/companies', {
      method: 'POST',
      body: { name: `Pending Bistro ${Date.now()}`, country: 'TH', accountManagerId: me.id },
    });
    await asPom(`/api/companies/${company.id}/contacts`, { method: 'POST', body: { name: 'Napa Pending', email: 'napa@pending.example', isPrimary: true } });
    const quote = await asPom<{ id: string; number: string }>('/api/quotes', {
      method: 'POST',
      body: { companyId: company.id, currency: 'THB', lines: [{ description: 'Licence', quantity: 1, unitPrice: '100.00', taxRate: 7 }] },
    });
    const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    const later = await asPom<{ id: string }>(`/api/quotes/${quote.id}/schedule`, {
      method: 'POST',
      body: {
        recipients: ['napa@pending.example'],
        subject: `Quote ${quote.number}`,
        body: 'Hello',
        attachPdf: false,
        sendAt: `${tomorrow}T09:00`,
        timeZone: 'Asia/Bangkok',
      },
    });

    try {
      await signIn(page, 'pom@bmasiamusic.com');
      await page.getByRole('heading', { name: 'Quotes' }).waitFor();
      const row = page.locator(`tr[data-number="${quote.number}"]`);
      await row.getByTestId('row-menu').click();
      await page.getByRole('menuitem', { name: 'Send Email' }).click();
      const pending = page.getByTestId('pending-sends');
      await pending.waitFor();
      await expect(pending.textContent()).resolves.toMatch(/already scheduled to go out .*09:00 \(Asia\/Bangkok\), from Pom/);
      await expect(page.getByTestId('send-button').count()).resolves.toBe(0);
      await snap(page, '34-send-with-pending');
      await page.getByTestId('send-cancel-pending').click();
      await page.getByText(`${quote.number} sent to`).waitFor();
      await expect(asPom<{ status: string }>(`/api/outbox/${later.id}`).then((send) => send.status)).resolves.toBe('cancelled');
    } finally {
      // other tests take Pom's newest draft: leave nothing scheduled behind
      await asPom(`/api/outbox/${later.id}/cancel`, { method: 'POST' }).catch(() => undefined);
    }
  });

  it('Nikki ticks three invoices, sends each to its contact in one run, and follows it to the end on the progress page', async () => {
    await signIn(page, 'nikki.h@bmasiamusic.com');
    await page.getByRole('link', { name: 'Invoices' }).first().click();
    await page.getByRole('heading', { name: 'Invoices' }).waitFor();
    const rows = page.locator('tr[data-number]').filter({ has: page.getByTestId('select-row') });
    await rows.first().waitFor();
    const numbers: string[] = [];
    for (let n = 0; n < 3; n++) {
      await rows.nth(n).getByTestId('select-row').locator('input').check();
      numbers.push((await rows.nth(n).getAttribute('data-number'))!);
    }
    await expect(page.getByTestId('selection-bar').textContent()).resolves.toContain('3 selected');
    await page.getByTestId('send-selected').click();
    // the preview: each invoice with its contacts and Nikki's mailbox; any sent before (an earlier run) is ticked back on purpose
    const preview = page.getByTestId('bulk-preview');
    await preview.waitFor();
    for (const number of numbers) {
      const item = preview.locator(`li[data-number="${number}"]`);
      await expect(item.textContent()).resolves.toMatch(/To .+@.+From Nikki/);
      const tick = item.getByTestId('bulk-item-tick').locator('input');
      if (!(await tick.isChecked())) await tick.check();
    }
    await snap(page, '32-bulk-send-preview');
    await page.getByTestId('start-bulk').click();
    await page.waitForURL(/\/outbox\/bulk\//);
    await page.getByTestId('bulk-counts').getByText('3 sent').waitFor({ timeout: 30_000 });
    for (const number of numbers) await page.locator(`tr[data-number="${number}"][data-status="sent"]`).waitFor();
    await snap(page, '33-bulk-send-done');

    // picked again, the three show when they went and are left out: nothing goes unless ticked back
    await page.getByRole('link', { name: 'Invoices' }).first().click();
    for (const number of numbers) await page.locator(`tr[data-number="${number}"]`).getByTestId('select-row').locator('input').check();
    await page.getByTestId('send-selected').click();
    await preview.waitFor();
    for (const number of numbers) {
      const item = preview.locator(`li[data-number="${number}"]`);
      await item
        .getByTestId('bulk-item-sent-before')
        .getByText(/Already sent on/)
        .waitFor();
      await expect(item.getByTestId('bulk-item-tick').locator('input').isChecked()).resolves.toBe(false);
    }
    await expect(page.getByTestId('start-bulk').isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});
