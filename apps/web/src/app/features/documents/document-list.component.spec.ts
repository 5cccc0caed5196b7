import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding as withInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DocumentPage } from '@sendas/contracts';
import { DocumentListComponent } from './document-list.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const PAGE: DocumentPage = {
  items: [
    {
      id: 'q1',
      type: 'quote',
      number: 'Q-2026-0001',
      status: 'draft',
      company: { id: 'c1', name: 'Siam Riverside Hotel' },
      owner: { id: 'u1', name: 'Pom' },
      currency: 'THB',
      subtotal: '16000.00',
      taxTotal: '1120.00',
      total: '17120.00',
      issueDate: '2026-11-26',
      validUntil: '2026-12-26',
      startDate: null,
      endDate: null,
      dueDate: null,
      updatedAt: '2026-11-26T00:00:00.000Z',
      canEdit: true,
      lastSendProblem: null,
    },
  ],
  total: 31,
  page: 2,
  pageSize: 10,
};

describe('DocumentListComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'quotes', component: DocumentListComponent, data: { type: 'quote' } }], withInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  it('asks the server for the page, sort and search in the URL, and shows the rows', async () => {
    await harness.navigateByUrl('/quotes?page=2&pageSize=10&sort=total&q=siam');
    const request = http.expectOne((r) => r.url === '/api/quotes');
    expect(request.request.params.toString()).toBe('page=2&pageSize=10&sort=total&q=siam');
    request.flush(PAGE);
    await settle();
    harness.detectChanges();
    const element = harness.routeNativeElement!;
    expect(element.querySelector('tr[data-number="Q-2026-0001"]')?.textContent).toContain('Siam Riverside Hotel');
    expect(element.textContent).toContain('THB17,120.00');
    expect(element.textContent).toContain('11 – 20 of 31');
  });

  it('marks a row whose send failed, with the reason on hover', async () => {
    await harness.navigateByUrl('/quotes');
    const problem = {
      emailId: 'e1',
      status: 'failed' as const,
      code: 'SMTP_AUTH_FAILED',
      message: 'Gmail rejected the password.',
      at: '2026-12-08T02:00:00.000Z',
    };
    http.expectOne((r) => r.url === '/api/quotes').flush({ ...PAGE, items: [{ ...PAGE.items[0], lastSendProblem: problem }] });
    await settle();
    harness.detectChanges();
    const marker = harness.routeNativeElement!.querySelector('tr[data-number="Q-2026-0001"] [data-testid=send-problem]');
    expect(marker?.textContent).toContain('send failed');
    expect(marker?.getAttribute('title')).toBe('Gmail rejected the password.');
  });

  it('puts a new search into the URL and starts again at page 1', async () => {
    await harness.navigateByUrl('/quotes?page=3');
    http.expectOne((r) => r.url === '/api/quotes').flush(PAGE);
    await settle();
    harness.detectChanges();
    const input = harness.routeNativeElement!.querySelector<HTMLInputElement>('[data-testid=document-search]')!;
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] });
    try {
      input.value = 'zeta';
      input.dispatchEvent(new Event('input'));
      await jest.advanceTimersByTimeAsync(299);
      expect(TestBed.inject(Router).url).toBe('/quotes?page=3'); // still typing: no search yet
      await jest.advanceTimersByTimeAsync(1);
      await jest.advanceTimersByTimeAsync(50); // the navigation it starts schedules its own steps
    } finally {
      jest.useRealTimers();
    }
    await settle();
    expect(TestBed.inject(Router).url).toBe('/quotes?q=zeta');
    http
      .expectOne((r) => r.url === '/api/quotes' && r.params.get('q') === 'zeta' && r.params.get('page') === '1')
      .flush({ ...PAGE, items: [], total: 0, page: 1 });
    await settle();
    harness.detectChanges();
    expect(harness.routeNativeElement!.textContent).toContain('No quotes match these filters.');
  });

  it('offers every document of the status filter once the whole page is ticked, and sends them by status', async () => {
    await harness.navigateByUrl('/quotes?status=draft');
    http.expectOne((r) => r.url === '/api/quotes' && r.params.get('status') === 'draft').flush(PAGE);
    await settle();
    harness.detectChanges();
    const element = harness.routeNativeElement!;
    expect(element.querySelector('[data-testid=select-all-status]')).toBeNull();
    element.querySelector<HTMLInputElement>('th input[type=checkbox]')!.click();
    harness.detectChanges();
    expect(element.querySelector('[data-testid=selection-count]')!.textContent).toContain('1 selected');
    element.querySelector<HTMLButtonElement>('[data-testid=select-all-status]')!.click();
    harness.detectChanges();
    expect(element.querySelector('[data-testid=selection-count]')!.textContent).toContain('All 31 draft quotes are selected');

    element.querySelector<HTMLButtonElement>('[data-testid=send-selected]')!.click();
    harness.detectChanges();
    await settle();
    const dialog = document.querySelector('app-bulk-send-dialog')!;
    expect(dialog.textContent).toContain('Send all 31 draft quotes?');
    // the dialog previews the whole status before anything is sent (its own spec covers the rest)
    const preview = http.expectOne({ method: 'POST', url: '/api/outbox/bulk/preview' });
    expect(preview.request.body).toEqual({ documentType: 'quote', status: 'draft', sender: 'me' });
    preview.flush({ documentType: 'quote', alreadySent: 0, items: [] });
  });

  it("shows the server's error with a way to try again", async () => {
    await harness.navigateByUrl('/quotes');
    http
      .expectOne((r) => r.url === '/api/quotes')
      .flush({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Database is down' }, { status: 500, statusText: 'x' });
    await settle();
    harness.detectChanges();
    const alert = harness.routeNativeElement!.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('Database is down');
    (alert.querySelector('button') as HTMLButtonElement).click();
    await settle();
    http.expectOne((r) => r.url === '/api/quotes');
  });

  it('turns a page past the end into the last page, and clears rows that an error would leave stale', async () => {
    await harness.navigateByUrl('/quotes?page=999&pageSize=10');
    http.expectOne((r) => r.url === '/api/quotes' && r.params.get('page') === '999').flush({ items: [], total: 31, page: 999, pageSize: 10 });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/quotes?page=4&pageSize=10');
    harness.detectChanges();
    await settle();
    http.expectOne((r) => r.url === '/api/quotes' && r.params.get('page') === '4').flush({ ...PAGE, page: 4 });
    await settle();
    harness.detectChanges();
    expect(harness.routeNativeElement!.textContent).toContain('31 – 31 of 31');

    await harness.navigateByUrl('/quotes?page=4&pageSize=10&status=accepted');
    harness.detectChanges();
    http
      .expectOne((r) => r.url === '/api/quotes' && r.params.get('status') === 'accepted')
      .flush({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Database is down' }, { status: 500, statusText: 'x' });
    await settle();
    harness.detectChanges();
    expect(harness.routeNativeElement!.querySelector('tr[data-number]')).toBeNull();
    expect(harness.routeNativeElement!.textContent).toContain('Database is down');
  });
});
