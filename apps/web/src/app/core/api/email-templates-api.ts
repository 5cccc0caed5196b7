import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ContactLanguage,
  DocumentType,
  EmailTemplateDto,
  EmailTemplatePreview,
  PreviewEmailTemplateRequest,
  UpdateEmailTemplateRequest,
} from '@sendas/contracts';

/** The email templates the Send dialog starts from (admins and superusers). */
@Injectable({ providedIn: 'root' })
export class EmailTemplatesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<EmailTemplateDto[]> {
    return this.http.get<EmailTemplateDto[]>('/api/email-templates');
  }

  save(type: DocumentType, language: ContactLanguage, request: UpdateEmailTemplateRequest): Observable<EmailTemplateDto> {
    return this.http.put<EmailTemplateDto>(`/api/email-templates/${type}/${language}`, request);
  }

  preview(request: PreviewEmailTemplateRequest): Observable<EmailTemplatePreview> {
    return this.http.post<EmailTemplatePreview>('/api/email-templates/preview', request);
  }
}
