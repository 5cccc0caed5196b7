import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const USER = { id: 'u1', name: 'Pom', role: 'sales' };
const unauthorized = (code: string, message = 'x') =>
  [
    { statusCode: 401, code, message },
    { status: 401, statusText: 'Unauthorized' },
  ] as const;
/** Lets a chain of awaited promises and observables settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    localStorage.setItem('sendas.session', JSON.stringify({ accessToken: 'stored-by-an-old-version' }));
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const restoring = auth.restore();
    const renewal = http.expectOne('/api/auth/refresh');
    expect(renewal.request.headers.has('Authorization')).toBe(false);
    renewal.flush({ accessToken: 'abc', expiresIn: 900, user: USER });
    await restoring;
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('restores the session from the cookie, keeps the token in memory only and removes an old stored one', () => {
    expect(auth.user()?.name).toBe('Pom');
    expect(auth.token).toBe('abc');
    expect(localStorage.length).toBe(0);
  });

  it('adds the bearer token to API calls only', () => {
    client.get('/api/users').subscribe();
    client.get('/assets/x.json').subscribe();
    expect(http.expectOne('/api/users').request.headers.get('Authorization')).toBe('Bearer abc');
    expect(http.expectOne('/assets/x.json').request.headers.has('Authorization')).toBe(false);
  });

  it('renews an expired token once, for all waiting calls, and retries them', async () => {
    const users = firstValueFrom(client.get('/api/users'));
    const documents = firstValueFrom(client.get('/api/documents'));
    http.expectOne('/api/users').flush(...unauthorized('AUTH_TOKEN_INVALID'));
    http.expectOne('/api/documents').flush(...unauthorized('AUTH_TOKEN_INVALID'));
    await settle();
    http.expectOne('/api/auth/refresh').flush({ accessToken: 'fresh', expiresIn: 900, user: USER });
    await settle();
    const retried = http.match((request) => request.headers.get('Authorization') === 'Bearer fresh');
    expect(retried.map((request) => request.request.url).sort()).toEqual(['/api/documents', '/api/users']);
    retried.forEach((request) => request.flush([]));
    await expect(Promise.all([users, documents])).resolves.toEqual([[], []]);
    expect(auth.isSignedIn()).toBe(true);
  });

  it('signs out with the reason when the renewal is refused', async () => {
    const result = firstValueFrom(client.get('/api/users'));
    http.expectOne('/api/users').flush(...unauthorized('AUTH_TOKEN_INVALID'));
    await settle();
    const reason = 'You were signed out because the password of this account was changed.';
    http.expectOne('/api/auth/refresh').flush(...unauthorized('AUTH_SESSION_REVOKED', reason));
    await expect(result).rejects.toBeDefined();
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.signedOutBecause()).toMatch(/^Signed out at \d{1,2}:\d{2}/);
    expect(auth.signedOutBecause()).toContain(reason);
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('after a laptop slept past the end of the session, says when and why on the way to the login page', async () => {
    const result = firstValueFrom(client.get('/api/documents'));
    http.expectOne('/api/documents').flush(...unauthorized('AUTH_TOKEN_INVALID'));
    await settle();
    const reason = 'Your session ended: it was not used for more than 7 days, or you signed out in another tab. Sign in again.';
    http.expectOne('/api/auth/refresh').flush(...unauthorized('AUTH_SESSION_ENDED', reason));
    await expect(result).rejects.toBeDefined();
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.signedOutBecause()).toMatch(/^Signed out at \d{1,2}:\d{2}( [AP]M)?\. Your session ended: it was not used for more than 7 days/);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });

  it('signs out at once when the server says the session is over', async () => {
    const result = firstValueFrom(client.get('/api/users'));
    const reason = 'This account is no longer active. Ask a superuser to reactivate it.';
    http.expectOne('/api/users').flush(...unauthorized('AUTH_USER_INACTIVE', reason));
    await expect(result).rejects.toBeDefined();
    http.expectNone('/api/auth/refresh');
    http.expectOne('/api/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.signedOutBecause()).toContain(reason);
  });
});
