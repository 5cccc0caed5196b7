import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { LoginResponse, UpdateProfileRequest, UserDto } from '@sendas/contracts';

const STORAGE_KEY = 'sendas.session';
/** Refresh the token this long before it expires, so an active user is never signed out mid-task. */
const REFRESH_MARGIN_MS = 60_000;

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
    } catch {
      this.clear();
    }
  }

  async login(email: string, password: string): Promise<void> {
    this.accept(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', { email, password })));
  }

  async updateProfile(changes: UpdateProfileRequest): Promise<void> {
    this.user.set(await firstValueFrom(this.http.patch<UserDto>('/api/users/me', changes)));
  }

  logout(returnUrl?: string): void {
    this.clear();
    void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  }

  private accept(response: LoginResponse): void {
    const expiresAt = Date.now() + response.expiresIn * 1000;
    const session = { accessToken: response.accessToken, expiresAt };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
    this.user.set(response.user);
    this.scheduleRefresh(expiresAt);
  }

  private scheduleRefresh(expiresAt: number): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.max(expiresAt - Date.now() - REFRESH_MARGIN_MS, 5_000);
    this.refreshTimer = setTimeout(() => {
      this.http.post<LoginResponse>('/api/auth/refresh', {}).subscribe({
        next: (response) => this.accept(response),
        error: () => this.logout(this.router.url),
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
