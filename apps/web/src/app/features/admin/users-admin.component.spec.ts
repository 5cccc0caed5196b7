import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PASSWORD_MIN_LENGTH, type UserDto } from '@sendas/contracts';
import { UsersAdminComponent } from './users-admin.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

const KEITH: UserDto = {
  id: 'keith-id',
  email: 'keith@bmasiamusic.com',
  name: 'Keith',
  role: 'sales',
  active: true,
  signature: '',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
};

describe('UsersAdminComponent', () => {
  it('shows each user’s mailbox kind and state, and resets a password only when it is long enough', async () => {
    TestBed.configureTestingModule({
      imports: [UsersAdminComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersAdminComponent);
    const element = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/users').flush([KEITH]);
    http.expectOne('/api/mailboxes').flush([
      {
        userId: 'keith-id',
        kind: 'microsoft',
        status: 'reconnect_required',
        fromEmail: KEITH.email,
        lastError: { code: 'MAILBOX_RECONNECT_REQUIRED', message: 'Microsoft no longer accepts Sendas.' },
      },
    ]);
    await settle();
    fixture.detectChanges();
    expect(element.textContent).toContain('reconnect required');
    expect(element.textContent).toContain('Microsoft account (OAuth)');
    // The names reach the elements that take focus (Material's own host bindings override a plain attribute).
    expect(element.querySelector('[role=combobox]')?.getAttribute('aria-label')).toBe('Role of Keith');
    expect(element.querySelector('button[role=switch]')?.getAttribute('aria-label')).toBe('Active: Keith');

    element.querySelector<HTMLButtonElement>('[aria-label="Reset password of Keith"]')!.click();
    fixture.detectChanges();
    expect(element.textContent).toContain('New password for Keith');
    expect(element.textContent).toContain('Keith is signed out everywhere');

    const component = fixture.componentInstance;
    component.reset.controls.password.setValue('short');
    await component.resetPassword(KEITH);
    fixture.detectChanges();
    http.expectNone({ method: 'PATCH' });
    expect(element.querySelector('mat-error')?.textContent).toContain(`At least ${PASSWORD_MIN_LENGTH} characters`);

    component.reset.controls.password.setValue('a-long-enough-password');
    const saving = component.resetPassword(KEITH);
    const request = http.expectOne({ method: 'PATCH', url: '/api/users/keith-id' });
    expect(request.request.body).toEqual({ password: 'a-long-enough-password' });
    request.flush(KEITH);
    await saving;
    fixture.detectChanges();
    expect(element.textContent).not.toContain('New password for Keith');
    http.verify();
  });
});
