import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateUserRequest, UpdateUserRequest, UserDirectoryEntry, UserDto } from '@sendas/contracts';

/** Users: the superuser's management of accounts, and the directory admins send on behalf from. */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>('/api/users');
  }

  create(request: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>('/api/users', request);
  }

  update(id: string, changes: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`/api/users/${id}`, changes);
  }

  directory(): Observable<UserDirectoryEntry[]> {
    return this.http.get<UserDirectoryEntry[]>('/api/users/directory');
  }
}
