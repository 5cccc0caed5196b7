import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { ErrorCode } from '@sendas/contracts';
import { toApiError } from './api-error';
import { AuthService, signedOutReason } from './auth.service';

/** Sign-in, renewal, sign-out and forgot password go without the bearer token. */
const SESSION_ROUTE = /^\/api\/auth\/(login|refresh|logout|password-reset(\/complete)?)$/;

/**
 * Adds the bearer token to API calls. An expired token (a laptop asleep past the renewal) is renewed once and
 * the call retried; any other 401 ends the session and asks to sign in again.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!request.url.startsWith('/api/') || SESSION_ROUTE.test(request.url)) return next(request);

  const withToken = (token: string | null): HttpRequest<unknown> => (token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request);
  const endSession = (error: unknown) => {
    if (auth.isSignedIn()) auth.logout(router.url, signedOutReason(error));
    return throwError(() => error);
  };

  return next(withToken(auth.token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      if (toApiError(error).code !== ErrorCode.AUTH_TOKEN_INVALID || !auth.isSignedIn()) return endSession(error);
      return from(auth.renew()).pipe(
        catchError(endSession),
        switchMap((token) => next(withToken(token))),
      );
    }),
  );
};
