import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import {
  type CreateDocumentRequest,
  DOCUMENT_PATHS,
  type DocumentDetailDto,
  type DocumentListQuery,
  type DocumentPage,
  type DocumentType,
  type EmailDraft,
  type EmailMessageDetailDto,
  type EmailMessageDto,
  type SavedEmailDraft,
  type SaveEmailDraftRequest,
  type SendEmailRequest,
  type SendEmailResult,
  type UpdateDocumentRequest,
} from '@sendas/contracts';
import { queryParams } from './query-params';

/** Quotes, contracts and invoices, their PDFs, and sending them by email. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(type: DocumentType, query: DocumentListQuery): Observable<DocumentPage> {
    return this.http.get<DocumentPage>(`/api/${DOCUMENT_PATHS[type]}`, { params: queryParams(query) });
  }

  create(type: DocumentType, request: CreateDocumentRequest): Observable<DocumentDetailDto> {
    return this.http.post<DocumentDetailDto>(`/api/${DOCUMENT_PATHS[type]}`, request);
  }

  /** Changes a draft's fields, or any document's status. */
  update(type: DocumentType, id: string, request: UpdateDocumentRequest): Observable<DocumentDetailDto> {
    return this.http.patch<DocumentDetailDto>(`/api/${DOCUMENT_PATHS[type]}/${id}`, request);
  }

  /** A new draft from this document, of the same type or (from a quote) an invoice or a contract. */
  copy(type: DocumentType, id: string, as: DocumentType): Observable<DocumentDetailDto> {
    return this.http.post<DocumentDetailDto>(`/api/${DOCUMENT_PATHS[type]}/${id}/copy`, { as });
  }

  get(type: DocumentType, id: string): Observable<DocumentDetailDto> {
    return this.http.get<DocumentDetailDto>(`/api/${DOCUMENT_PATHS[type]}/${id}`);
  }

  pdf(type: DocumentType, id: string): Observable<Blob> {
    return this.http.get(`/api/${DOCUMENT_PATHS[type]}/${id}/pdf`, { responseType: 'blob' });
  }

  /** The Send dialog's starting point, as `onBehalfOfUserId` (admins) would send it, or as oneself. */
  draft(type: DocumentType, id: string, onBehalfOfUserId?: string): Observable<EmailDraft> {
    return this.http.get<EmailDraft>(`/api/${DOCUMENT_PATHS[type]}/${id}/email-draft`, {
      params: onBehalfOfUserId ? { onBehalfOfUserId } : {},
    });
  }

  /** Keeps what the caller typed in the Send dialog, until it is sent or discarded. */
  saveDraft(type: DocumentType, id: string, draft: SaveEmailDraftRequest): Observable<SavedEmailDraft> {
    return this.http.put<SavedEmailDraft>(`/api/${DOCUMENT_PATHS[type]}/${id}/email-draft/saved`, draft);
  }

  discardDraft(type: DocumentType, id: string): Observable<void> {
    return this.http.delete<void>(`/api/${DOCUMENT_PATHS[type]}/${id}/email-draft/saved`);
  }

  send(type: DocumentType, id: string, request: SendEmailRequest, idempotencyKey: string): Observable<SendEmailResult> {
    return this.http.post<SendEmailResult>(`/api/${DOCUMENT_PATHS[type]}/${id}/send`, request, {
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  history(type: DocumentType, id: string): Observable<EmailMessageDto[]> {
    return this.http.get<EmailMessageDto[]>(`/api/${DOCUMENT_PATHS[type]}/${id}/emails`);
  }

  /** One send of the document, with the body as sent. */
  email(type: DocumentType, id: string, emailId: string): Observable<EmailMessageDetailDto> {
    return this.http.get<EmailMessageDetailDto>(`/api/${DOCUMENT_PATHS[type]}/${id}/emails/${emailId}`);
  }
}
