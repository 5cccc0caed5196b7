import type { Dialog, Page } from 'playwright-core';
import type { CompanyPage } from '@sendas/contracts';
import { apiAs, baseUrl, signIn, usePagePerTest } from './support/browser';

/** Clicks the toolbar's Quotes link and answers the "leave?" question, if one is asked; returns what was asked. */
async function leaveFor(page: Page, answer: 'stay' | 'leave'): Promise<string | null> {
  let asked: string | null = null;
  const answerIt = (dialog: Dialog) => {
    asked = dialog.message();
    void (answer === 'stay' ? dialog.dismiss() : dialog.accept());
  };
  page.on('dialog', answerIt);
  try {
    await page.locator('nav[aria-label=Main] a', { hasText: 'Quotes' }).click();
    if (answer === 'leave') await page.waitForURL(/\/quotes$/);
    else await page.waitForTimeout(500); // a navigation the guard allowed would have begun by now
  } finally {
    page.off('dialog', answerIt);
  }
  return asked;
}

describe('Unsaved changes (browser)', () => {
  const session = usePagePerTest();

  it('asks before leaving a company page with a half-typed contact or the New company form, stays when told to', async () => {
    const page = session.page;
    await page.goto(`${baseUrl()}/login`);
    await signIn(page, 'norbert@bmasiamusic.com');
    await page.waitForURL(/\/quotes$/);
    const norbert = await apiAs('norbert@bmasiamusic.com');
    const company = (await norbert<CompanyPage>('/api/companies?pageSize=1')).items[0];

    await page.locator('nav[aria-label=Main] a', { hasText: 'Companies' }).click();
    await page.getByRole('link', { name: company.name }).first().click();
    await page.waitForURL(new RegExp(`/companies/${company.id}$`));
    // nothing typed yet: no question
    expect(await leaveFor(page, 'leave')).toBeNull();

    await page.locator('nav[aria-label=Main] a', { hasText: 'Companies' }).click();
    await page.getByRole('link', { name: company.name }).first().click();
    await page.getByTestId('add-contact').click();
    await page.locator('form[aria-label=Contact] input[formcontrolname=name]').fill('Half typed');
    expect(await leaveFor(page, 'stay')).toContain('not saved');
    expect(page.url()).toMatch(new RegExp(`/companies/${company.id}$`));
    expect(await page.locator('form[aria-label=Contact] input[formcontrolname=name]').inputValue()).toBe('Half typed');
    expect(await leaveFor(page, 'leave')).toContain('not saved');

    await page.locator('nav[aria-label=Main] a', { hasText: 'Companies' }).click();
    await page.getByTestId('new-company').click();
    await page.locator('input[formcontrolname=name]').first().fill('Not yet a company');
    expect(await leaveFor(page, 'stay')).toContain('not saved');
    expect(page.url()).toMatch(/\/companies$/);
  });
});
