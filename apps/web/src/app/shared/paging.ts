import type { Page } from '@sendas/contracts';

/**
 * The last page there is, when the page asked for lies past it (an old link, a list that shrank, a filter that
 * matches less): the list then shows that page instead of "nothing here". Null when the page is within the list.
 */
export function lastPageIfPastEnd(page: Page<unknown>): number | null {
  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  return !page.items.length && page.total > 0 && page.page > lastPage ? lastPage : null;
}
