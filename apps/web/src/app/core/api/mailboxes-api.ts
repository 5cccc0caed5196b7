import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type {
  OAuthCallbackRequest,
  OAuthProvider,
  OAuthProvidersDto,
  OAuthStartDto,
  MailboxDto,
  MailboxRequest,
  MailboxSummary,
  SmtpVerifyResult,
} from '@sendas/contracts';

/** Whose mailbox: the signed-in user's own, or (superusers) another user's by id. */
export type MailboxOwner = 'me' | { userId: string };

const path = (owner: MailboxOwner) => `/api/users/${owner === 'me' ? 'me' : owner.userId}/smtp`;

/** A user's mailbox: read, save, test, remove, connect with Google / Microsoft. Password and tokens are write-only. */
@Injectable({ providedIn: 'root' })
export class MailboxesApi {
  private readonly http = inject(HttpClient);

  get(owner: MailboxOwner): Observable<MailboxDto> {
    return this.http.get<MailboxDto>(path(owner));
  }

  save(owner: MailboxOwner, request: MailboxRequest): Observable<MailboxDto> {
    return this.http.put<MailboxDto>(path(owner), request);
  }

  /** Tests the settings in `request` (the stored password when it carries none). */
  verify(owner: MailboxOwner, request: MailboxRequest): Observable<SmtpVerifyResult> {
    return this.http.post<SmtpVerifyResult>(`${path(owner)}/verify`, request);
  }

  remove(owner: MailboxOwner): Observable<void> {
    return this.http.delete<void>(path(owner));
  }

  /** Every user's mailbox state (superusers). */
  summaries(): Observable<MailboxSummary[]> {
    return this.http.get<MailboxSummary[]>('/api/mailboxes');
  }

  /** The providers this server can connect mailboxes with. */
  providers(): Observable<OAuthProvider[]> {
    return this.http.get<OAuthProvidersDto>('/api/mailboxes/oauth/providers').pipe(map((response) => response.providers));
  }

  /** Where to send the browser for one's own consent (`invite`: a superuser's link). */
  startConnect(provider: OAuthProvider, invite?: string): Observable<string> {
    return this.http.post<OAuthStartDto>(`/api/users/me/smtp/oauth/${provider}`, invite ? { invite } : {}).pipe(map((response) => response.authorizationUrl));
  }

  completeConnect(request: OAuthCallbackRequest): Observable<MailboxDto> {
    return this.http.post<MailboxDto>('/api/users/me/smtp/oauth/callback', request);
  }

  /** A superuser's link for a user to connect their own mailbox. */
  connectLink(userId: string, provider: OAuthProvider): Observable<{ url: string; expiresAt: string }> {
    return this.http.post<{ url: string; expiresAt: string }>(`/api/users/${userId}/smtp/oauth/${provider}/link`, {});
  }
}
