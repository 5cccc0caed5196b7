import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthService } from '../../core/auth.service';
import { ResetPasswordComponent } from './reset-password.component';

describe('ResetPasswordComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'reset-password', component: ResetPasswordComponent },
          { path: 'login', children: [] },
        ]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });
  afterEach(() => http.verify());

  it('sends the token from the link with the new password, then the login page says the password is set', async () => {
    const page = await harness.navigateByUrl('/reset-password#token=abcdefghijklmnopqrstuvwxyz012345', ResetPasswordComponent);
    page.form.setValue({ newPassword: 'a-new-long-passphrase', repeat: 'a-new-long-passphrase' });
    const done = page.submit();
    const request = http.expectOne({ method: 'POST', url: '/api/auth/password-reset/complete' });
    expect(request.request.body).toEqual({ token: 'abcdefghijklmnopqrstuvwxyz012345', newPassword: 'a-new-long-passphrase' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(TestBed.inject(Router).url).toBe('/login');
    expect(TestBed.inject(AuthService).signedOutBecause()).toContain('Your new password is set');
  });

  it('offers a new link when this one expired or was used', async () => {
    const page = await harness.navigateByUrl('/reset-password#token=abcdefghijklmnopqrstuvwxyz012345', ResetPasswordComponent);
    page.form.setValue({ newPassword: 'a-new-long-passphrase', repeat: 'a-new-long-passphrase' });
    const done = page.submit();
    http
      .expectOne('/api/auth/password-reset/complete')
      .flush(
        { statusCode: 400, code: 'PASSWORD_RESET_LINK_INVALID', message: 'This link has expired or was already used.' },
        { status: 400, statusText: 'Bad Request' },
      );
    await done;
    harness.detectChanges();
    expect(harness.routeNativeElement?.querySelector('[role=alert]')?.textContent).toContain('expired or was already used');
    expect(harness.routeNativeElement?.querySelector('a[href="/forgot-password"]')?.textContent).toContain('Ask for a new link');
  });

  it('explains itself when opened without the token', async () => {
    await harness.navigateByUrl('/reset-password', ResetPasswordComponent);
    expect(harness.routeNativeElement?.textContent).toContain('needs the whole link from the mail');
  });
});
