import { HttpParams } from '@angular/common/http';

/** A typed query object as URL parameters, leaving out what is unset or empty. */
export function queryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
