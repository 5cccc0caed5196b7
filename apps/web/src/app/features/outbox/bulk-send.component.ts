import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { Subscription } from 'rxjs';
import { type BulkSendDto, DOCUMENT_LABELS, DOCUMENT_PATHS, type ScheduledSendDto } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { OutboxApi } from '../../core/api/outbox-api';
import { ConfirmDialogComponent } from '../../shared/confirm-dialog.component';
import { openBlob } from '../../shared/pdf-download';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { LocalTimePipe } from '../../shared/local-time.pipe';

const POLL_MS = 2000;

/** A bulk send under way: live counts and the state of each document, cancel the rest, the outcome as CSV. */
@Component({
  selector: 'app-bulk-send',
  imports: [LocalTimePipe, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, StatusChipComponent, TableSkeletonComponent],
  templateUrl: './bulk-send.component.html',
  styles: `
    .wide {
      max-width: 1200px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      font-weight: 500;
      margin: 8px 0;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      margin: 12px 0;
    }
    table {
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .err {
      color: var(--mat-sys-error);
      font-size: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkSendComponent {
  private readonly api = inject(OutboxApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  readonly id = input.required<string>();
  readonly bulk = signal<BulkSendDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly columns = ['document', 'to', 'when', 'status'];
  readonly running = computed(() => {
    const counts = this.bulk()?.counts;
    return !counts || counts.scheduled + counts.sending > 0;
  });
  private readonly polls = signal(0);

  constructor() {
    // Follows the run until nothing is queued or sending any more.
    effect((onCleanup) => {
      const id = this.id();
      this.polls();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const subscription: Subscription = this.api.getBulk(id).subscribe({
        next: (bulk) => {
          this.bulk.set(bulk);
          this.error.set(null);
          if (untracked(this.running)) timer = setTimeout(() => this.polls.update((n) => n + 1), POLL_MS);
        },
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
      onCleanup(() => {
        clearTimeout(timer);
        subscription.unsubscribe();
      });
    });
  }

  label(bulk: BulkSendDto): string {
    return DOCUMENT_LABELS[bulk.documentType].toLowerCase();
  }

  done(bulk: BulkSendDto): number {
    return bulk.total ? (100 * (bulk.total - bulk.counts.scheduled - bulk.counts.sending)) / bulk.total : 100;
  }

  documentLink(send: ScheduledSendDto): string[] {
    return ['/', DOCUMENT_PATHS[send.documentType], send.documentId];
  }

  cancelRest(bulk: BulkSendDto): void {
    ConfirmDialogComponent.ask(this.dialog, {
      title: `Cancel the ${bulk.counts.scheduled} queued?`,
      message: 'What is being sent now still goes out; the rest will not be sent.',
      confirm: 'Cancel the rest',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.api.cancelBulk(bulk.id).subscribe({
        next: (updated) => this.bulk.set(updated),
        error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 }),
      });
    });
  }

  downloadCsv(bulk: BulkSendDto): void {
    this.api.outcomeCsv(bulk.id).subscribe({
      next: (blob) => openBlob(blob, `bulk-send-${bulk.createdAt.slice(0, 10)}.csv`, 'download'),
      error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 }),
    });
  }
}
