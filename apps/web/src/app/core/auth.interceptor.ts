import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService, signedOutReason } from './auth.service';

/** Adds the bearer token to API calls; a 401 outside login ends the session and asks to sign in again. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const token = auth.token;
  const isApi = request.url.startsWith('/api/');
  const authorized = token && isApi ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
  return next(authorized).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && isApi && !request.url.endsWith('/auth/login')) {
        if (auth.isSignedIn()) auth.logout(router.url, signedOutReason(error));
      }
      return throwError(() => error);
    }),
  );
};
