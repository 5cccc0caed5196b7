import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { EmailLogQuery, EmailMessageDto, Page } from '@sendas/contracts';
import { queryParams } from './query-params';

/** The audit log of every send (admins and superusers). */
@Injectable({ providedIn: 'root' })
export class EmailLogApi {
  private readonly http = inject(HttpClient);

  search(query: EmailLogQuery): Observable<Page<EmailMessageDto>> {
    return this.http.get<Page<EmailMessageDto>>('/api/emails', { params: queryParams(query) });
  }
}
