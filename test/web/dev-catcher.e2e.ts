import type { Page } from 'playwright-core';
import { accessibilityProblems, baseUrl, signIn, snap, usePagePerTest } from './support/browser';

const KEITH_APP_PASSWORD = 'keit hdem oapp pw26';

describe('A mailbox in development (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it("Keith's new mailbox starts on the dev mail catcher, and the README's app password passes its test", async () => {
    await signIn(page, 'keith@bmasiamusic.com');
    await page.waitForURL(/\/quotes/);
    await page.goto(`${baseUrl()}/settings/mailbox`);
    const hint = page.getByTestId('dev-catcher-hint');
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toMatch(/uses the dev mail catcher on 127\.0\.0\.1:\d+/);
    await page.getByTestId('app-password').fill(KEITH_APP_PASSWORD);
    // tested, not saved: other tests count on Keith having no mailbox of his own
    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('test-result');
    await result.waitFor();
    await expect(result.getAttribute('class')).resolves.toContain('ok');
    await expect(accessibilityProblems(page)).resolves.toEqual([]);
    await snap(page, '80-dev-catcher-mailbox');
  });
});
