import { computed, effect, linkedSignal, type Signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { Page } from '@sendas/contracts';
import type { Observable } from 'rxjs';
import { toApiError } from '../core/api-error';
import { lastPageIfPastEnd } from './paging';

/** A paged list as a page shows it. */
export interface PagedResource<P> {
  /** The rows on screen: the last page loaded, kept while the next loads; null before the first and after a failure. */
  readonly page: Signal<P | null>;
  readonly loading: Signal<boolean>;
  /** Why the latest load failed, for a person to read. */
  readonly error: Signal<string | null>;
  reload(): void;
}

/**
 * A paged list loaded through Angular's `rxResource` whenever `query` changes. A newer query cancels the request of
 * an older one, so a late answer never replaces a newer page; rows of an earlier query are not left under a failed
 * one; and a page past the end of the list (an old link, a list that shrank) asks `onPastEnd` for the last page.
 * Call it in an injection context (a field initialiser).
 */
export function pagedResource<Q, P extends Page<unknown>>(
  query: () => Q,
  load: (query: Q) => Observable<P>,
  onPastEnd: (lastPage: number) => void,
): PagedResource<P> {
  const resource = rxResource({ params: query, stream: ({ params }) => load(params) });
  const loaded = computed(() => (resource.hasValue() ? (resource.value() ?? null) : null));
  const pastEnd = computed(() => {
    const page = loaded();
    return page ? lastPageIfPastEnd(page) : null;
  });
  effect(() => {
    const lastPage = pastEnd();
    if (lastPage) untracked(() => onPastEnd(lastPage));
  });
  const page = linkedSignal<{ page: P | null; failed: boolean }, P | null>({
    source: () => ({ page: pastEnd() ? null : loaded(), failed: resource.status() === 'error' }),
    computation: (now, previous) => (now.failed ? null : (now.page ?? previous?.value ?? null)),
  });
  return {
    page,
    loading: resource.isLoading,
    error: computed(() => (resource.status() === 'error' ? toApiError(resource.error()).message : null)),
    reload: () => void resource.reload(),
  };
}
