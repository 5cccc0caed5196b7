import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ApiKeyDto, CreatedApiKeyDto } from '@sendas/contracts';

/** API keys: one's own (create, list, revoke) and, for superusers, everyone's. */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);

  mine(): Observable<ApiKeyDto[]> {
    return this.http.get<ApiKeyDto[]>('/api/users/me/api-keys');
  }

  all(): Observable<ApiKeyDto[]> {
    return this.http.get<ApiKeyDto[]>('/api/api-keys');
  }

  create(name: string): Observable<CreatedApiKeyDto> {
    return this.http.post<CreatedApiKeyDto>('/api/users/me/api-keys', { name });
  }

  /** `own`: one's own key; otherwise a superuser revoking anyone's. */
  revoke(id: string, own: boolean): Observable<void> {
    return this.http.delete<void>(own ? `/api/users/me/api-keys/${id}` : `/api/api-keys/${id}`);
  }
}
