import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { SmtpCredentialDto, SmtpCredentialRequest, SmtpVerifyResult } from '@sendas/contracts';

/** Whose mailbox: the signed-in user's own, or (superusers) another user's by id. */
export type MailboxOwner = 'me' | { userId: string };

const path = (owner: MailboxOwner) => `/api/users/${owner === 'me' ? 'me' : owner.userId}/smtp`;

/** A user's mailbox (SMTP credentials): read, save, test, remove. The password is write-only. */
@Injectable({ providedIn: 'root' })
export class MailboxesApi {
  private readonly http = inject(HttpClient);

  get(owner: MailboxOwner): Observable<SmtpCredentialDto> {
    return this.http.get<SmtpCredentialDto>(path(owner));
  }

  save(owner: MailboxOwner, request: SmtpCredentialRequest): Observable<SmtpCredentialDto> {
    return this.http.put<SmtpCredentialDto>(path(owner), request);
  }

  /** Tests the settings in `request` (the stored password when it carries none). */
  verify(owner: MailboxOwner, request: SmtpCredentialRequest): Observable<SmtpVerifyResult> {
    return this.http.post<SmtpVerifyResult>(`${path(owner)}/verify`, request);
  }

  remove(owner: MailboxOwner): Observable<void> {
    return this.http.delete<void>(path(owner));
  }
}
