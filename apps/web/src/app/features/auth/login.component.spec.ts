import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { authInterceptor } from '../../core/auth.interceptor';
import { AuthService } from '../../core/auth.service';
import { LoginComponent } from './login.component';

const USER = {
  id: 'u1',
  email: 'pom@bmasiamusic.com',
  name: 'Pom',
  role: 'sales',
  active: true,
  signature: '',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
};

/** Lets the component's awaited HTTP promise settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('LoginComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginComponent],
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function fillAndSubmit(email: string, password: string) {
    const fixture = TestBed.createComponent(LoginComponent);
    fixture.componentRef.setInput('returnUrl', '/settings/profile');
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const [emailInput, passwordInput] = Array.from(element.querySelectorAll('input'));
    emailInput.value = email;
    emailInput.dispatchEvent(new Event('input'));
    passwordInput.value = password;
    passwordInput.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
    return { fixture, element };
  }

  it('does not call the server while the form is invalid, and shows why', async () => {
    const { fixture, element } = await fillAndSubmit('not-an-email', '');
    fixture.detectChanges();
    http.expectNone('/api/auth/login');
    expect(element.textContent).toContain('Enter a valid email address');
    expect(element.textContent).toContain('Password is required');
  });

  it("shows the server's message when the password is wrong", async () => {
    const { fixture, element } = await fillAndSubmit('pom@bmasiamusic.com', 'wrong');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, code: 'AUTH_INVALID_CREDENTIALS', message: 'Email or password is wrong. Check both and try again.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid=login-error]')?.textContent).toContain('Email or password is wrong');
  });

  it('signs in, keeps the session and goes to the page that was asked for', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture } = await fillAndSubmit('pom@bmasiamusic.com', 'right-password');
    const request = http.expectOne('/api/auth/login');
    expect(request.request.body).toEqual({ email: 'pom@bmasiamusic.com', password: 'right-password' });
    request.flush({ accessToken: 'token-1', expiresIn: 900, user: USER });
    await settle();
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).user()?.name).toBe('Pom');
    expect(TestBed.inject(AuthService).token).toBe('token-1');
    expect(localStorage.length).toBe(0);
    expect(navigate).toHaveBeenCalledWith('/settings/profile');
  });
});
