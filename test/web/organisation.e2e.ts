import type { Page } from 'playwright-core';
import type { OrganisationSettingsDto } from '@sendas/contracts';
import { accessibilityProblems, apiAs, baseUrl, signIn, snap, usePagePerTest } from './support/browser';

describe('Organisation settings and time zones (browser)', () => {
  const session = usePagePerTest();
  let page: Page;
  beforeEach(() => {
    page = session.page;
  });

  it('Norbert sees the demo organisation in Bangkok and adds Saturday to the working week', async () => {
    const asNorbert = await apiAs('norbert@bmasiamusic.com');
    const before = await asNorbert<OrganisationSettingsDto>('/api/organisation');
    try {
      await signIn(page, 'norbert@bmasiamusic.com');
      await page.waitForURL(/\/quotes$/);
      await page.goto(`${baseUrl()}/admin/organisation`);
      await page.getByRole('heading', { name: 'Organisation' }).waitFor();
      await expect(page.getByTestId('organisation-time-zone').textContent()).resolves.toContain('Asia/Bangkok');
      await page.getByRole('checkbox', { name: 'Saturday' }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Organisation settings saved').waitFor();
      await expect(page.getByTestId('organisation-form').textContent()).resolves.toMatch(/Last changed .* by Norbert/);
      expect((await asNorbert<OrganisationSettingsDto>('/api/organisation')).workingDays).toEqual([1, 2, 3, 4, 5, 6]);
      await expect(accessibilityProblems(page)).resolves.toEqual([]);
      await snap(page, '60-organisation');
    } finally {
      await asNorbert('/api/organisation', { method: 'PUT', body: { timeZone: before.timeZone, workingDays: before.workingDays } });
    }
  });

  it('offers Keith, signed in from a browser in Berlin, to switch from Bangkok, and stops asking once he keeps it', async () => {
    const berlin = await page.context().browser()!.newContext({ timezoneId: 'Europe/Berlin' });
    try {
      const keith = await berlin.newPage();
      await signIn(keith, 'keith@bmasiamusic.com');
      const offer = keith.getByTestId('zone-offer');
      await offer.waitFor();
      await expect(offer.textContent()).resolves.toContain('Sendas shows times in Asia/Bangkok, your profile');
      await expect(offer.textContent()).resolves.toContain('This browser is in Europe/Berlin');
      await expect(accessibilityProblems(keith)).resolves.toEqual([]);
      await snap(keith, '61-zone-offer');
      await offer.getByRole('button', { name: 'Keep Asia/Bangkok' }).click();
      await offer.waitFor({ state: 'detached' });
      await keith.reload();
      await keith.getByRole('heading', { name: 'Quotes' }).waitFor();
      await expect(keith.getByTestId('zone-offer').count()).resolves.toBe(0);
      await expect((await apiAs('keith@bmasiamusic.com'))<{ timeZone: string }>('/api/auth/me')).resolves.toMatchObject({ timeZone: 'Asia/Bangkok' });
    } finally {
      await berlin.close();
    }
  });
});
