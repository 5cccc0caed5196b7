import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { OrganisationSettingsDto, OrganisationSettingsInput } from '@sendas/contracts';

/** The organisation's settings: read by everyone, changed by superusers. */
@Injectable({ providedIn: 'root' })
export class OrganisationApi {
  private readonly http = inject(HttpClient);

  get(): Observable<OrganisationSettingsDto> {
    return this.http.get<OrganisationSettingsDto>('/api/organisation');
  }

  update(input: OrganisationSettingsInput): Observable<OrganisationSettingsDto> {
    return this.http.put<OrganisationSettingsDto>('/api/organisation', input);
  }
}
