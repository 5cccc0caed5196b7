export const MAX_PAGE_SIZE = 100;
/** Far beyond any real list; keeps the row offset a small integer. */
export const MAX_PAGE = 100_000;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
