export const MAX_PAGE_SIZE = 100;
/** Far beyond any real list; keeps the row offset a small integer. */
export const MAX_PAGE = 100_000;

export interface Page<T> {
  items: T[];
  /** @example 128 */
  total: number;
  /** @example 1 */
  page: number;
  /** @example 25 */
  pageSize: number;
}
