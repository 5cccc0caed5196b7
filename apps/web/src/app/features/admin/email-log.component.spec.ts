import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import type { EmailMessageDto, Page } from '@sendas/contracts';
import { EmailLogComponent } from './email-log.component';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

const SEND = {
  id: 'e1',
  documentNumber: 'Q-2026-0007',
  subject: 'Quote Q-2026-0007 from BMAsia Music',
  createdAt: '2026-12-07T03:00:00.000Z',
  actor: { id: 'pom', name: 'Pom' },
  sender: { id: 'pom', name: 'Pom' },
  sentVia: 'user',
  from: 'pom@bmasiamusic.com',
  to: ['somchai@siam.example'],
  status: 'failed',
  error: { code: 'SMTP_AUTH_FAILED', message: 'The mail server rejected the password.' },
  sentCopy: { status: 'not_needed', detail: '', code: null, at: null },
  apiKey: null,
} as unknown as EmailMessageDto;

describe('EmailLogComponent', () => {
  it('takes its filters and page from the URL, shows each send with its subject, and puts a new filter back in the URL', async () => {
    TestBed.configureTestingModule({
      imports: [EmailLogComponent],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap({ status: 'failed', q: 'Q-2026', page: '2' }) } } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(EmailLogComponent);
    const element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await settle();
    http.expectOne('/api/users/directory').flush([]);
    const first = http.expectOne((request) => request.url === '/api/emails');
    expect(first.request.params.get('status')).toBe('failed');
    expect(first.request.params.get('q')).toBe('Q-2026');
    expect(first.request.params.get('page')).toBe('2');
    first.flush({ items: [SEND], total: 26, page: 2, pageSize: 25 } satisfies Page<EmailMessageDto>);
    await settle();
    fixture.detectChanges();
    expect(element.querySelector('td[data-label=Subject]')?.textContent).toContain('Quote Q-2026-0007 from BMAsia Music');

    fixture.componentInstance.filters.controls.status.setValue('sent');
    await settle(350);
    fixture.detectChanges();
    http
      .expectOne((request) => request.url === '/api/emails' && request.params.get('status') === 'sent' && request.params.get('page') === '1')
      .flush({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });
    expect(navigate).toHaveBeenLastCalledWith([], {
      queryParams: { q: 'Q-2026', userId: null, status: 'sent', since: null, until: null, page: null },
      replaceUrl: true,
    });
    // the page reset went out before the new filter settled: that request was cancelled, so its answer cannot land
    expect(http.match((request) => request.params.get('status') === 'failed').map((request) => request.cancelled)).toEqual([true]);
    http.verify();
  });
});
