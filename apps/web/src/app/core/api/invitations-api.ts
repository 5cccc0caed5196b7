import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { InvitationDto } from '@sendas/contracts';

/** Superusers: the invitation links given out, and revoking one. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<InvitationDto[]> {
    return this.http.get<InvitationDto[]>('/api/invitations');
  }

  revoke(id: string): Observable<InvitationDto> {
    return this.http.post<InvitationDto>(`/api/invitations/${id}/revoke`, {});
  }
}
