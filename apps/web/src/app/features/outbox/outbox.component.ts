import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { DOCUMENT_PATHS, OUTBOX_STATUSES, type OutboxStatus, type ScheduledSendDto } from '@sendas/contracts';
import { OutboxApi } from '../../core/api/outbox-api';
import { AuthService } from '../../core/auth.service';
import { cancelScheduledSend } from '../../shared/cancel-scheduled-send';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { RescheduleDialogComponent } from './reschedule-dialog.component';
import { pagedResource } from '../../shared/paged-resource';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** Scheduled: sends waiting in the outbox (mine; everyone's for admins), to move or cancel until they start. */
@Component({
  selector: 'app-outbox',
  imports: [
    LocalTimePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTableModule,
    StatusChipComponent,
    TableSkeletonComponent,
  ],
  templateUrl: './outbox.component.html',
  styles: `
    .wide {
      max-width: 1200px;
    }
    .filters {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      align-items: center;
      margin-bottom: 12px;
    }
    table {
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .err {
      color: var(--mat-sys-error);
      font-size: 12px;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutboxComponent {
  private readonly api = inject(OutboxApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly auth = inject(AuthService);
  readonly isAdmin = this.auth.isAdmin;
  readonly user = this.auth.user;
  readonly statuses = OUTBOX_STATUSES;
  readonly columns = ['when', 'document', 'who', 'to', 'status', 'actions'];
  readonly filters = inject(NonNullableFormBuilder).group({ status: ['scheduled' as OutboxStatus | ''], everyone: [false] });
  private readonly filterValues = toSignal(this.filters.valueChanges, { initialValue: this.filters.getRawValue() });
  readonly pageIndex = signal(1);
  readonly pageSize = signal(25);
  private readonly list = pagedResource(
    () => {
      const { status, everyone } = this.filterValues();
      return { page: this.pageIndex(), pageSize: this.pageSize(), status: status || undefined, scope: everyone ? ('all' as const) : ('mine' as const) };
    },
    (query) => this.api.list(query),
    (lastPage) => this.pageIndex.set(lastPage),
  );
  readonly page = this.list.page;
  readonly error = this.list.error;
  readonly loading = this.list.loading;

  constructor() {
    this.filters.valueChanges.subscribe(() => this.pageIndex.set(1));
  }

  move(send: ScheduledSendDto): void {
    RescheduleDialogComponent.open(this.dialog, send).subscribe((moved) => {
      if (!moved) return;
      this.snackBar.open(`${send.documentNumber} moved.`, 'OK', { duration: 4000 });
      this.list.reload();
    });
  }

  cancel(send: ScheduledSendDto): void {
    cancelScheduledSend(this.dialog, this.api, this.snackBar, send).subscribe(() => this.list.reload());
  }

  documentLink(send: ScheduledSendDto): string[] {
    return ['/', DOCUMENT_PATHS[send.documentType], send.documentId];
  }

  onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex + 1);
  }
}
