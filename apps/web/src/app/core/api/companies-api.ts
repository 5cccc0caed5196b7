import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CompanyDetailDto,
  CompanyDto,
  CompanyListQuery,
  ContactDto,
  CreateCompanyRequest,
  CreateContactRequest,
  Page,
  UpdateCompanyRequest,
  UpdateContactRequest,
} from '@sendas/contracts';
import { queryParams } from './query-params';

/** Customers and their contacts. */
@Injectable({ providedIn: 'root' })
export class CompaniesApi {
  private readonly http = inject(HttpClient);

  list(query: CompanyListQuery): Observable<Page<CompanyDto>> {
    return this.http.get<Page<CompanyDto>>('/api/companies', { params: queryParams(query) });
  }

  get(id: string): Observable<CompanyDetailDto> {
    return this.http.get<CompanyDetailDto>(`/api/companies/${id}`);
  }

  create(request: CreateCompanyRequest): Observable<CompanyDetailDto> {
    return this.http.post<CompanyDetailDto>('/api/companies', request);
  }

  update(id: string, request: UpdateCompanyRequest): Observable<CompanyDetailDto> {
    return this.http.patch<CompanyDetailDto>(`/api/companies/${id}`, request);
  }

  addContact(companyId: string, request: CreateContactRequest): Observable<ContactDto> {
    return this.http.post<ContactDto>(`/api/companies/${companyId}/contacts`, request);
  }

  updateContact(id: string, request: UpdateContactRequest): Observable<ContactDto> {
    return this.http.patch<ContactDto>(`/api/contacts/${id}`, request);
  }
}
