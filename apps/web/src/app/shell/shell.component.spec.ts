import { BreakpointObserver } from '@angular/cdk/layout';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { UserDto } from '@sendas/contracts';
import { AuthService } from '../core/auth.service';
import { ShellComponent } from './shell.component';

const POM = { id: 'pom', name: 'Pom', email: 'pom@bmasiamusic.com', role: 'sales' } as UserDto;

describe('ShellComponent', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  function render(phone: boolean) {
    TestBed.configureTestingModule({
      imports: [ShellComponent],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: BreakpointObserver, useValue: { observe: () => of({ matches: phone, breakpoints: {} }) } },
      ],
    });
    TestBed.inject(AuthService).user.set(POM);
    const fixture = TestBed.createComponent(ShellComponent);
    fixture.detectChanges();
    TestBed.inject(HttpTestingController)
      .match('/api/health')
      .forEach((request) => request.flush({ mail: { transport: 'dev-catcher' } }));
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the destinations and the account menu in the toolbar on a wide screen', () => {
    const element = render(false);
    expect(element.querySelector('nav[aria-label=Main]')?.textContent).toContain('Invoices');
    expect(element.querySelector('[data-testid=account-menu]')?.textContent).toContain('Pom');
    expect(element.querySelector('[data-testid=nav-toggle]')).toBeNull();
  });

  it('folds everything into a menu button and a side navigation on a phone', () => {
    const element = render(true);
    expect(element.querySelector('nav[aria-label=Main]')).toBeNull();
    expect(element.querySelector('[data-testid=account-menu]')).toBeNull();
    expect(element.querySelector('[data-testid=nav-toggle]')?.getAttribute('aria-label')).toBe('Open the menu');
    const drawer = element.querySelector('mat-sidenav')!.textContent!;
    for (const item of ['Companies', 'Quotes', 'Contracts', 'Invoices', 'Dev mailbox', 'My profile', 'My mailbox', 'API keys', 'Sign out']) {
      expect(drawer).toContain(item);
    }
    expect(element.querySelector('[data-testid=drawer-user]')?.textContent).toContain('pom@bmasiamusic.com');
  });

  it('starts every page with a skip link that takes the keyboard past the menu to the page', () => {
    const element = render(false);
    document.body.appendChild(element);
    const focusable = element.querySelectorAll<HTMLElement>('a[href], button');
    expect(focusable[0].dataset['testid']).toBe('skip-link');
    expect(focusable[0].textContent).toBe('Skip to content');
    focusable[0].click();
    expect(document.activeElement?.id).toBe('content');
    element.remove();
  });
});
