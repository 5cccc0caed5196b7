import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  type ChangePasswordRequest,
  ErrorCode,
  type ForgotPasswordResponse,
  hasAdminRights,
  type LoginResponse,
  type ResetPasswordRequest,
  type UpdateProfileRequest,
  type UserDto,
} from '@sendas/contracts';
import { toApiError } from './api-error';

/** Where versions before the session cookie kept the access token; removed on start. */
const LEGACY_STORAGE_KEY = 'sendas.session';
/** Renew the access token this long before it expires, so an active user is never signed out mid-task. */
const RENEW_MARGIN_MS = 60_000;

/** True when the server ended the session for a reason the user should read (idle too long, password changed, deactivated). */
function endedForAReason(error: unknown): boolean {
  const { code } = toApiError(error);
  return code === ErrorCode.AUTH_SESSION_ENDED || code === ErrorCode.AUTH_SESSION_REVOKED || code === ErrorCode.AUTH_USER_INACTIVE;
}

/** When and why the server ended a session, in its own words when it says (idle too long, password changed, deactivated). */
export function signedOutReason(error: unknown, at = new Date()): string {
  const why = endedForAReason(error) ? toApiError(error).message : 'Your session has ended. Sign in again.';
  return `Signed out at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. ${why}`;
}

/**
 * The signed-in user and their access token, which lives in memory only. What keeps a browser signed in across
 * reloads is the session cookie the server sets at sign-in: httpOnly (no script here can read it), sent only to
 * /api/auth, and traded for a new access token on start and shortly before the current one expires.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly accessToken = signal<string | null>(null);
  private renewTimer?: ReturnType<typeof setTimeout>;
  private renewing?: Promise<string>;

  readonly user = signal<UserDto | null>(null);
  /** Shown on the login page after the server ended the session; cleared by the next sign-in. */
  readonly signedOutBecause = signal<string | null>(null);
  readonly isSignedIn = computed(() => this.user() !== null);
  /** Admins and superusers: the email log, templates, sending on behalf, handing companies over. */
  readonly isAdmin = computed(() => {
    const role = this.user()?.role;
    return role !== undefined && hasAdminRights(role);
  });

  get token(): string | null {
    return this.accessToken();
  }

  /** On start: a live session cookie signs the user in; without one they stay signed out, quietly. */
  async restore(): Promise<void> {
    localStorage.removeItem(LEGACY_STORAGE_KEY);
    try {
      await this.renew();
    } catch (error) {
      this.clear();
      if (endedForAReason(error)) this.signedOutBecause.set(signedOutReason(error));
    }
  }

  async login(email: string, password: string): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', { email, password })));
  }

  /** A new access token from the session cookie; concurrent callers share one request. */
  renew(): Promise<string> {
    this.renewing ??= firstValueFrom(this.http.post<LoginResponse>('/api/auth/refresh', {}))
      .then((response) => {
        this.accept(response);
        return response.accessToken;
      })
      .finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** Changes one's password; the server signs out every other session and sends this one a new token and cookie. */
  async changePassword(request: ChangePasswordRequest): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/password', request)));
  }

  /** Forgot password: the server mails a one-time link if the email is an account (and answers the same if not). */
  requestPasswordReset(email: string): Promise<ForgotPasswordResponse> {
    return firstValueFrom(this.http.post<ForgotPasswordResponse>('/api/auth/password-reset', { email }));
  }

  /** Sets a new password with the token of a mailed link; the login page then says so. */
  async resetPassword(request: ResetPasswordRequest): Promise<void> {
    await firstValueFrom(this.http.post<void>('/api/auth/password-reset/complete', request));
    this.signedOutBecause.set('Your new password is set, and every earlier session was signed out. Sign in with the new password.');
  }

  async updateProfile(changes: UpdateProfileRequest): Promise<void> {
    this.user.set(await firstValueFrom(this.http.patch<UserDto>('/api/users/me', changes)));
  }

  /** Ends the session here and on the server (which clears the cookie), then shows the login page. */
  logout(returnUrl?: string, reason: string | null = null): void {
    this.http.post('/api/auth/logout', {}).subscribe({ error: () => undefined });
    this.clear();
    this.signedOutBecause.set(reason);
    void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  }

  private accept(response: LoginResponse): void {
    this.accessToken.set(response.accessToken);
    this.user.set(response.user);
    this.signedOutBecause.set(null);
    clearTimeout(this.renewTimer);
    const delay = Math.max(response.expiresIn * 1000 - RENEW_MARGIN_MS, 5_000);
    this.renewTimer = setTimeout(() => this.renew().catch((error: unknown) => this.logout(this.router.url, signedOutReason(error))), delay);
  }

  private clear(): void {
    clearTimeout(this.renewTimer);
    this.accessToken.set(null);
    this.user.set(null);
  }
}
