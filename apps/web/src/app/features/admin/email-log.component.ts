import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router } from '@angular/router';
import { catchError, debounceTime, of } from 'rxjs';
import type { EmailLogQuery, EmailMessageDto, EmailStatus, UserDirectoryEntry } from '@sendas/contracts';
import { EmailLogApi } from '../../core/api/email-log-api';
import { UsersApi } from '../../core/api/users-api';
import { EmailDetailDialogComponent } from '../../shared/email-detail-dialog.component';
import { SentCopyComponent } from '../../shared/sent-copy.component';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { pagedResource } from '../../shared/paged-resource';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** Admin > Email log: every send, filterable by person, status, dates and text (subject, number, recipients). */
@Component({
  selector: 'app-email-log',
  imports: [
    LocalTimePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    SentCopyComponent,
    StatusChipComponent,
    TableSkeletonComponent,
  ],
  templateUrl: './email-log.component.html',
  styles: `
    .wide {
      max-width: 1200px;
    }
    .filters {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
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
    .clickable {
      cursor: pointer;
    }
    .clickable:hover {
      background: var(--mat-sys-surface-container);
    }
    .open {
      padding: 0 4px;
      min-width: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailLogComponent {
  private readonly api = inject(EmailLogApi);
  private readonly router = inject(Router);
  /** The filters and page come from the URL, so a filtered log can be reloaded, bookmarked and shared. */
  private readonly url = inject(ActivatedRoute).snapshot.queryParamMap;
  readonly columns = ['when', 'document', 'subject', 'who', 'via', 'to', 'status'];
  readonly filters = inject(NonNullableFormBuilder).group({
    q: [this.url.get('q') ?? ''],
    userId: [this.url.get('userId') ?? ''],
    status: [(this.url.get('status') ?? '') as EmailStatus | ''],
    since: [this.url.get('since') ?? ''],
    until: [this.url.get('until') ?? ''],
  });
  /** Who sent or was sent as, for the person filter. */
  readonly people = toSignal(
    inject(UsersApi)
      .directory()
      .pipe(catchError(() => of([] as UserDirectoryEntry[]))),
    { initialValue: [] as UserDirectoryEntry[] },
  );
  private readonly filterValues = toSignal(this.filters.valueChanges.pipe(debounceTime(300)), { initialValue: this.filters.getRawValue() });
  readonly pageIndex = signal(Math.max(1, Number(this.url.get('page')) || 1));
  readonly pageSize = signal(25);
  private readonly list = pagedResource(
    () => {
      const { q, userId, status, since, until } = this.filterValues();
      return {
        page: this.pageIndex(),
        pageSize: this.pageSize(),
        q,
        since,
        until,
        status: status || undefined,
        userId: userId || undefined,
      } satisfies EmailLogQuery;
    },
    (query) => this.api.search(query),
    (lastPage) => this.pageIndex.set(lastPage),
  );
  readonly page = this.list.page;
  readonly error = this.list.error;
  readonly loading = this.list.loading;
  private readonly dialog = inject(MatDialog);

  constructor() {
    this.filters.valueChanges.subscribe(() => this.pageIndex.set(1));
    effect(() => {
      const { q, userId, status, since, until } = this.filterValues();
      const page = this.pageIndex();
      const queryParams = {
        q: q || null,
        userId: userId || null,
        status: status || null,
        since: since || null,
        until: until || null,
        page: page > 1 ? page : null,
      };
      void this.router.navigate([], { queryParams, replaceUrl: true });
    });
  }

  open(email: EmailMessageDto): void {
    EmailDetailDialogComponent.open(this.dialog, email);
  }

  onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex + 1);
  }
}
