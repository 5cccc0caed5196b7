import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ErrorCode, type CompanyDto, type Page } from '@sendas/contracts';
import { CompanyListComponent } from './company-list.component';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

const PAGE: Page<CompanyDto> = {
  items: [
    {
      id: 'c1',
      name: 'Siam Riverside Hotel',
      country: 'TH',
      accountManager: { id: 'u1', name: 'Pom' },
      archived: false,
      updatedAt: '2026-11-26T00:00:00.000Z',
    } as CompanyDto,
  ],
  total: 1,
  page: 1,
  pageSize: 25,
};

describe('CompanyListComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows why the list failed, and drops that message once a later search loads', async () => {
    TestBed.configureTestingModule({ imports: [CompanyListComponent], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CompanyListComponent);
    const element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    await settle();
    http
      .expectOne((request) => request.url === '/api/companies')
      .flush(
        { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Something went wrong on the server.' },
        { status: 500, statusText: 'Internal Server Error' },
      );
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Something went wrong on the server.');

    fixture.componentInstance.filters.controls.q.setValue('siam');
    await settle(300);
    fixture.detectChanges();
    http.expectOne((request) => request.url === '/api/companies' && request.params.get('q') === 'siam').flush(PAGE);
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(element.textContent).toContain('Siam Riverside Hotel');
  });

  it('shows the last page when the page asked for lies past the end of the list', async () => {
    TestBed.configureTestingModule({ imports: [CompanyListComponent], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CompanyListComponent);
    fixture.componentInstance.pageIndex.set(4);
    fixture.detectChanges();
    await settle();
    http.expectOne((request) => request.params.get('page') === '4').flush({ items: [], total: 30, page: 4, pageSize: 25 });
    await settle();
    fixture.detectChanges();
    http.expectOne((request) => request.params.get('page') === '2').flush({ ...PAGE, total: 30, page: 2 });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Siam Riverside Hotel');
  });
});
