import type { MatDialog } from '@angular/material/dialog';
import type { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, EMPTY, filter, type Observable, switchMap, tap } from 'rxjs';
import type { ScheduledSendDto } from '@sendas/contracts';
import { toApiError } from '../core/api-error';
import type { OutboxApi } from '../core/api/outbox-api';
import { ConfirmDialogComponent } from './confirm-dialog.component';

/**
 * Asks before cancelling a scheduled send, cancels it and says so; emits the cancelled send. A refusal (it has
 * started meanwhile) is shown in the snack bar and emits nothing.
 */
export function cancelScheduledSend(dialog: MatDialog, outbox: OutboxApi, snackBar: MatSnackBar, send: ScheduledSendDto): Observable<ScheduledSendDto> {
  return ConfirmDialogComponent.ask(dialog, {
    title: `Cancel the send of ${send.documentNumber}?`,
    message: `“${send.subject}” to ${send.to.join(', ')} will not be sent.`,
    confirm: 'Cancel the send',
  }).pipe(
    filter(Boolean),
    switchMap(() => outbox.cancel(send.id)),
    tap(() => snackBar.open(`The send of ${send.documentNumber} is cancelled.`, 'OK', { duration: 4000 })),
    catchError((error: unknown) => {
      snackBar.open(toApiError(error).message, 'OK', { duration: 6000 });
      return EMPTY;
    }),
  );
}
