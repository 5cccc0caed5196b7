import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { DevMailDetail, DevMailSummary, HealthResponse, Page } from '@sendas/contracts';
import { queryParams } from './query-params';

/** What the dev mail catcher kept (development only), and whether it runs at all. */
@Injectable({ providedIn: 'root' })
export class DevMailboxApi {
  private readonly http = inject(HttpClient);

  list(query: { page?: number; pageSize?: number; q?: string }): Observable<Page<DevMailSummary>> {
    return this.http.get<Page<DevMailSummary>>('/api/dev/mailbox', { params: queryParams(query) });
  }

  get(id: string): Observable<DevMailDetail> {
    return this.http.get<DevMailDetail>(`/api/dev/mailbox/${id}`);
  }

  attachment(id: string, index: number): Observable<Blob> {
    return this.http.get(`/api/dev/mailbox/${id}/attachments/${index}`, { responseType: 'blob' });
  }

  /** The public health answer, which says whether mail goes to the dev catcher. */
  health(): Observable<HealthResponse> {
    return this.http.get<HealthResponse>('/api/health');
  }
}
