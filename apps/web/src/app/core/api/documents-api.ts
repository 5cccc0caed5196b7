import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  DOCUMENT_PATHS,
  type DocumentDetailDto,
  type DocumentListQuery,
  type DocumentPage,
  type DocumentType,
  type EmailDraft,
  type EmailMessageDto,
  type SendEmailRequest,
  type SendEmailResult,
} from '@sendas/contracts';
import { queryParams } from './query-params';

/** Quotes, contracts and invoices, their PDFs, and sending them by email. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(type: DocumentType, query: DocumentListQuery): Observable<DocumentPage> {
    return this.http.get<DocumentPage>(`/api/${DOCUMENT_PATHS[type]}`, { params: queryParams(query) });
  }

  get(type: DocumentType, id: string): Observable<DocumentDetailDto> {
    return this.http.get<DocumentDetailDto>(`/api/${DOCUMENT_PATHS[type]}/${id}`);
  }

  pdf(type: DocumentType, id: string): Observable<Blob> {
    return this.http.get(`/api/${DOCUMENT_PATHS[type]}/${id}/pdf`, { responseType: 'blob' });
  }

  draft(type: DocumentType, id: string): Observable<EmailDraft> {
    return this.http.get<EmailDraft>(`/api/${DOCUMENT_PATHS[type]}/${id}/email-draft`);
  }

  send(type: DocumentType, id: string, request: SendEmailRequest, idempotencyKey: string): Observable<SendEmailResult> {
    return this.http.post<SendEmailResult>(`/api/${DOCUMENT_PATHS[type]}/${id}/send`, request, {
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  history(type: DocumentType, id: string): Observable<EmailMessageDto[]> {
    return this.http.get<EmailMessageDto[]>(`/api/${DOCUMENT_PATHS[type]}/${id}/emails`);
  }
}
