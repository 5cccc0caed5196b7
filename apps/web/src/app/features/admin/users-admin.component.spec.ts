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
  smtp: { status: 'not_configured', fromEmail: null, lastError: null },
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
};

describe('UsersAdminComponent', () => {
  it('resets a password only when it is long enough, and says the user is signed out everywhere', async () => {
    TestBed.configureTestingModule({
      imports: [UsersAdminComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(UsersAdminComponent);
    const element = fixture.nativeElement as HTMLElement;
    http.expectOne('/api/users').flush([KEITH]);
    await settle();
    fixture.detectChanges();

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
