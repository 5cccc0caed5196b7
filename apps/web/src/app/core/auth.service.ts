import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ErrorCode, type LoginResponse, type UpdateProfileRequest, type UserDto } from '@sendas/contracts';
import { toApiError } from './api-error';

const STORAGE_KEY = 'sendas.session';
/** Refresh the token this long before it expires, so an active user is never signed out mid-task. */
const REFRESH_MARGIN_MS = 60_000;

/** Why the server ended a session, in its own words when it says (password changed, account deactivated). */
export function signedOutReason(error: unknown): string {
  const { code, message } = toApiError(error);
  return code === ErrorCode.AUTH_SESSION_REVOKED || code === ErrorCode.AUTH_USER_INACTIVE
    ? message
    : 'Your session has ended. Sign in again.';
}

interface StoredSession {
  accessToken: string;
  expiresAt: number;
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<StoredSession | null>(null);
  private refreshTimer?: ReturnType<typeof setTimeout>;

  readonly user = signal<UserDto | null>(null);
  /** Shown on the login page after the server ended the session; cleared by the next sign-in. */
  readonly signedOutBecause = signal<string | null>(null);
  readonly isSignedIn = computed(() => this.user() !== null);

  get token(): string | null {
    return this.session()?.accessToken ?? null;
  }

  /** On start: a stored, unexpired token is checked against /auth/me; anything else signs out quietly. */
  async restore(): Promise<void> {
    const stored = this.readStored();
    if (!stored || stored.expiresAt <= Date.now()) return this.clear();
    this.session.set(stored);
    try {
      this.user.set(await firstValueFrom(this.http.get<UserDto>('/api/auth/me')));
      this.scheduleRefresh(stored.expiresAt);
    } catch (error) {
      this.clear();
      this.signedOutBecause.set(signedOutReason(error));
    }
  }

  async login(email: string, password: string): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', { email, password })));
  }

  async updateProfile(changes: UpdateProfileRequest): Promise<void> {
    this.user.set(await firstValueFrom(this.http.patch<UserDto>('/api/users/me', changes)));
  }

  logout(returnUrl?: string, reason: string | null = null): void {
    this.clear();
    this.signedOutBecause.set(reason);
    void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  }

  private accept(response: LoginResponse): void {
    const expiresAt = Date.now() + response.expiresIn * 1000;
    const session = { accessToken: response.accessToken, expiresAt };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
    this.user.set(response.user);
    this.signedOutBecause.set(null);
    this.scheduleRefresh(expiresAt);
  }

  private scheduleRefresh(expiresAt: number): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.max(expiresAt - Date.now() - REFRESH_MARGIN_MS, 5_000);
    this.refreshTimer = setTimeout(() => {
      this.http.post<LoginResponse>('/api/auth/refresh', {}).subscribe({
        next: (response) => this.accept(response),
        error: (error: unknown) => this.logout(this.router.url, signedOutReason(error)),
      });
    }, delay);
  }

  private readStored(): StoredSession | null {
    try {
      const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
      return parsed?.accessToken && typeof parsed.expiresAt === 'number' ? parsed : null;
    } catch {
      return null;
    }
  }

  private clear(): void {
    clearTimeout(this.refreshTimer);
    localStorage.removeItem(STORAGE_KEY);
    this.session.set(null);
    this.user.set(null);
  }
}
