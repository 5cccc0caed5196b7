import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type BulkSendDto,
  type BulkSendPreview,
  type BulkSendRequest,
  DOCUMENT_PATHS,
  type DocumentType,
  type OutboxQuery,
  type RescheduleSendRequest,
  type ScheduledSendDto,
  type ScheduledSendPage,
  type ScheduleSendRequest,
} from '@sendas/contracts';
import { queryParams } from './query-params';

/** Send later: schedule, list, move and cancel sends waiting in the outbox. */
@Injectable({ providedIn: 'root' })
export class OutboxApi {
  private readonly http = inject(HttpClient);

  schedule(type: DocumentType, id: string, request: ScheduleSendRequest): Observable<ScheduledSendDto> {
    return this.http.post<ScheduledSendDto>(`/api/${DOCUMENT_PATHS[type]}/${id}/schedule`, request);
  }

  forDocument(type: DocumentType, id: string): Observable<ScheduledSendDto[]> {
    return this.http.get<ScheduledSendDto[]>(`/api/${DOCUMENT_PATHS[type]}/${id}/scheduled`);
  }

  list(query: OutboxQuery): Observable<ScheduledSendPage> {
    return this.http.get<ScheduledSendPage>('/api/outbox', { params: queryParams(query) });
  }

  reschedule(id: string, request: RescheduleSendRequest): Observable<ScheduledSendDto> {
    return this.http.patch<ScheduledSendDto>(`/api/outbox/${id}`, request);
  }

  cancel(id: string): Observable<ScheduledSendDto> {
    return this.http.post<ScheduledSendDto>(`/api/outbox/${id}/cancel`, {});
  }

  /** What a bulk send would do, per document, before anything is queued. */
  bulkPreview(request: BulkSendRequest): Observable<BulkSendPreview> {
    return this.http.post<BulkSendPreview>('/api/outbox/bulk/preview', request);
  }

  bulk(request: BulkSendRequest): Observable<BulkSendDto> {
    return this.http.post<BulkSendDto>('/api/outbox/bulk', request);
  }

  getBulk(id: string): Observable<BulkSendDto> {
    return this.http.get<BulkSendDto>(`/api/outbox/bulk/${id}`);
  }

  cancelBulk(id: string): Observable<BulkSendDto> {
    return this.http.post<BulkSendDto>(`/api/outbox/bulk/${id}/cancel`, {});
  }

  outcomeCsv(id: string): Observable<Blob> {
    return this.http.get(`/api/outbox/bulk/${id}/outcome.csv`, { responseType: 'blob' });
  }
}
