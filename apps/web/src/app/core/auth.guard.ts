import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

/** Routes behind sign-in; remembers where the user wanted to go. */
export const authGuard: CanActivateFn = (_route, state) =>
  inject(AuthService).isSignedIn() ||
  inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
