import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PASSWORD_MIN_LENGTH, type UserDto } from '@sendas/contracts';
import { AuthService } from '../../core/auth.service';
import { UsersAdminComponent } from './users-admin.component';

const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it('asks before a role changes, puts the select back when cancelled, and leaves the superuser’s own role and access alone', async () => {
    const norbert: UserDto = { ...KEITH, id: 'norbert-id', email: 'norbert@bmasiamusic.com', name: 'Norbert', role: 'superuser' };
    TestBed.configureTestingModule({ imports: [UsersAdminComponent], providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.inject(AuthService).user.set(norbert);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersAdminComponent);
    const element = fixture.nativeElement as HTMLElement;
    const loaded = async () => {
      http.expectOne('/api/users').flush([norbert, KEITH]);
      http.expectOne('/api/mailboxes').flush([]);
      await settle();
      fixture.detectChanges();
    };
    await loaded();
    const ownRole = element.querySelector('[aria-label="Role of Norbert"]')!;
    expect(ownRole.getAttribute('aria-disabled')).toBe('true');
    expect(element.querySelector<HTMLButtonElement>('[aria-label="Active: Norbert"]')!.disabled).toBe(true);
    expect(element.querySelector('[data-testid=self-note]')?.textContent).toContain('another superuser changes them');
    expect(element.querySelector('[aria-label="Role of Keith"]')!.getAttribute('aria-disabled')).toBe('false');

    const component = fixture.componentInstance;
    const overlay = () => document.querySelector('.cdk-overlay-container')!;
    const cancelled = component.changeRole(KEITH, 'superuser');
    await settle();
    expect(overlay().textContent).toContain('Make Keith a superuser?');
    overlay().querySelector<HTMLButtonElement>('mat-dialog-actions button:not([data-testid=confirm])')!.click();
    await settle(400); // the dialog's close animation
    await loaded(); // the select shows Keith's role as it is
    await cancelled;
    http.expectNone({ method: 'PATCH' });

    const confirmed = component.changeRole(KEITH, 'admin');
    await settle();
    overlay().querySelector<HTMLButtonElement>('[data-testid=confirm]')!.click();
    await settle(400);
    const patch = http.expectOne({ method: 'PATCH', url: '/api/users/keith-id' });
    expect(patch.request.body).toEqual({ role: 'admin' });
    patch.flush({ ...KEITH, role: 'admin' });
    await settle();
    await loaded();
    await confirmed;
    http.verify();
  });
});
