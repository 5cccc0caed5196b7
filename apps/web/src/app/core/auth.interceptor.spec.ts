import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;

  beforeEach(async () => {
    localStorage.setItem('sendas.session', JSON.stringify({ accessToken: 'abc', expiresAt: Date.now() + 600_000 }));
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    const restoring = auth.restore();
    const me = http.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer abc');
    me.flush({ id: 'u1', name: 'Pom', role: 'sales' });
    await restoring;
  });

  afterEach(() => localStorage.clear());

  it('adds the bearer token to API calls only', () => {
    client.get('/api/users').subscribe();
    client.get('/assets/x.json').subscribe();
    expect(http.expectOne('/api/users').request.headers.get('Authorization')).toBe('Bearer abc');
    expect(http.expectOne('/assets/x.json').request.headers.has('Authorization')).toBe(false);
  });

  it('signs out and goes to the login page when the server says the session is over', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const result = firstValueFrom(client.get('/api/users'));
    const reason = 'You were signed out because the password of this account was changed.';
    http.expectOne('/api/users').flush({ code: 'AUTH_SESSION_REVOKED', message: reason }, { status: 401, statusText: 'x' });
    await expect(result).rejects.toBeDefined();
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.signedOutBecause()).toBe(reason);
    expect(localStorage.getItem('sendas.session')).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });
});
