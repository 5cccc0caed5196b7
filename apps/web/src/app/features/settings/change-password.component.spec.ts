import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { ChangePasswordComponent } from './change-password.component';

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('ChangePasswordComponent', () => {
  it('asks for the current password, checks the new one twice, and shows a wrong current password on its field', async () => {
    TestBed.configureTestingModule({ imports: [ChangePasswordComponent], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ChangePasswordComponent);
    const element = fixture.nativeElement as HTMLElement;
    const component = fixture.componentInstance;
    fixture.detectChanges();

    component.form.setValue({ currentPassword: 'old', newPassword: 'a-new-long-passphrase', repeat: 'a-different-one' });
    await component.change();
    fixture.detectChanges();
    http.expectNone('/api/auth/password');
    expect(element.textContent).toContain('The two new passwords differ');

    component.form.controls.repeat.setValue('a-new-long-passphrase');
    const wrong = component.change();
    const request = http.expectOne({ method: 'POST', url: '/api/auth/password' });
    expect(request.request.body).toEqual({ currentPassword: 'old', newPassword: 'a-new-long-passphrase' });
    request.flush(
      {
        statusCode: 400,
        code: 'PASSWORD_INCORRECT',
        message: 'That is not your current password.',
        details: [{ field: 'currentPassword', messages: ['That is not your current password: nothing was changed.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await wrong;
    fixture.detectChanges();
    expect(element.querySelector('mat-error')?.textContent).toContain('That is not your current password');

    component.form.controls.currentPassword.setValue('the-right-one');
    const right = component.change();
    http.expectOne('/api/auth/password').flush({ accessToken: 'token-2', expiresIn: 900, user: { id: 'u1', name: 'Pom' } });
    await right;
    await settle();
    expect(TestBed.inject(AuthService).token).toBe('token-2');
    expect(component.form.getRawValue()).toEqual({ currentPassword: '', newPassword: '', repeat: '' });
    http.verify();
  });
});
