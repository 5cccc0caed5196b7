import type { MatDialogConfig } from '@angular/material/dialog';

/** The width below which the app lays out for phones (the shell folds its toolbar into a menu). */
export const COMPACT_LAYOUT = '(max-width: 599.98px)';

/** A dialog `width` wide on larger screens; on phones the whole screen, so its actions stay on it while the content scrolls. */
export function responsiveDialog(width: string): MatDialogConfig {
  return window.matchMedia?.(COMPACT_LAYOUT).matches
    ? { width: '100vw', maxWidth: '100vw', height: '100dvh', panelClass: 'full-screen-dialog' }
    : { width, maxWidth: '96vw' };
}
