import { CurrencyPipe, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import {
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_STATUSES,
  type DocumentListQuery,
  type DocumentSummaryDto,
  type DocumentType,
  mayCreateDocument,
  pdfFilename,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { openBlob } from '../../shared/pdf-download';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { EmailSendDialogComponent, type EmailSendDialogData } from '../email/email-send-dialog.component';
import { DocumentsApi } from '../../core/api/documents-api';
import { AuthService } from '../../core/auth.service';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { BulkSendDialogComponent, type BulkSendDialogData } from './bulk-send-dialog.component';
import { pagedResource } from '../../shared/paged-resource';

const DEFAULT_SORT = '-date';
const PAGE_SIZES = [10, 25, 50, 100];

/** Quotes, contracts or invoices: server-side paging, sorting and search, kept in the URL. */
@Component({
  selector: 'app-document-list',
  imports: [
    CurrencyPipe,
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    StatusChipComponent,
    TableSkeletonComponent,
  ],
  templateUrl: './document-list.component.html',
  styleUrl: './document-list.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentListComponent {
  private readonly api = inject(DocumentsApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route's data. */
  readonly type = input.required<DocumentType>();
  readonly label = computed(() => DOCUMENT_LABELS[this.type()]);
  readonly statuses = computed(() => DOCUMENT_STATUSES[this.type()]);
  readonly canCreate = computed(() => {
    const role = this.auth.user()?.role;
    return role !== undefined && mayCreateDocument(role, this.type());
  });
  readonly pageSizes = PAGE_SIZES;
  readonly columns = ['select', 'number', 'company', 'status', 'owner', 'date', 'total', 'actions'];
  /** Send many: the documents ticked on this page (only those one may send). */
  readonly selected = signal<ReadonlySet<string>>(new Set());
  /** Every document of the status filter is selected, also those on other pages ("all overdue invoices"). */
  readonly allOfStatusChosen = signal(false);
  readonly allOfStatus = computed(() => this.allOfStatusChosen() && this.allSelected());
  /** Everything on this page is selected and the status filter has more: offer to take them all. */
  readonly canSelectAllOfStatus = computed(() => !!this.status() && !this.q() && this.allSelected() && (this.result()?.total ?? 0) > this.selected().size);
  readonly selectable = computed(() => (this.result()?.items ?? []).filter((row) => row.canEdit));
  readonly allSelected = computed(() => this.selectable().length > 0 && this.selectable().every((row) => this.selected().has(row.id)));

  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  readonly page = computed(() => Math.max(1, Number(this.query().get('page') ?? 1) || 1));
  readonly pageSize = computed(() => {
    const size = Number(this.query().get('pageSize') ?? 25);
    return PAGE_SIZES.includes(size) ? size : 25;
  });
  readonly sort = computed(() => this.query().get('sort') ?? DEFAULT_SORT);
  readonly q = computed(() => this.query().get('q') ?? '');
  /** The status filter from the URL, when it is one this type has. */
  readonly status = computed(() => this.statuses().find((status) => status === this.query().get('status')));
  readonly sortActive = computed(() => this.sort().replace(/^-/, ''));
  readonly sortDirection = computed(() => (this.sort().startsWith('-') ? 'desc' : 'asc'));

  private readonly list = pagedResource(
    () => ({
      type: this.type(),
      query: { page: this.page(), pageSize: this.pageSize(), sort: this.sort(), q: this.q(), status: this.status() } satisfies DocumentListQuery,
    }),
    ({ type, query }) => this.api.list(type, query),
    (lastPage) => void this.router.navigate([], { queryParams: { page: lastPage === 1 ? null : lastPage }, queryParamsHandling: 'merge', replaceUrl: true }),
  );
  readonly result = this.list.page;
  readonly loading = this.list.loading;
  readonly error = this.list.error;
  readonly search = new FormControl('', { nonNullable: true });

  constructor() {
    // A new page (another query, or the same one loaded again) starts with nothing ticked.
    effect(() => {
      this.result();
      untracked(() => {
        this.selected.set(new Set());
        this.allOfStatusChosen.set(false);
      });
    });
    effect(() => {
      if (this.search.value !== this.q()) this.search.setValue(this.q(), { emitEvent: false });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(this.destroyRef))
      .subscribe((q) => this.navigate({ q: q.trim() || null, page: null }));
  }

  onSort(sort: Sort): void {
    const value = sort.direction ? `${sort.direction === 'desc' ? '-' : ''}${sort.active}` : null;
    this.navigate({ sort: value === DEFAULT_SORT ? null : value, page: null });
  }

  onPage(event: PageEvent): void {
    this.navigate({ page: event.pageIndex + 1 === 1 ? null : event.pageIndex + 1, pageSize: event.pageSize === 25 ? null : event.pageSize });
  }

  onStatus(status: string): void {
    this.navigate({ status: status || null, page: null });
  }

  reload(): void {
    this.list.reload();
  }

  link(row: DocumentSummaryDto): string[] {
    return ['/', DOCUMENT_PATHS[this.type()], row.id];
  }

  /** From the row's menu: focus goes back to the menu button when the dialog closes. */
  sendEmail(row: DocumentSummaryDto, menuButton: { focus(): void }): void {
    const data: EmailSendDialogData = { type: this.type(), id: row.id, number: row.number, companyName: row.company.name, owner: row.owner };
    EmailSendDialogComponent.open(this.dialog, data, menuButton).subscribe((sent) => sent && this.reload());
  }

  toggleSelected(row: DocumentSummaryDto, checked: boolean): void {
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (checked) next.add(row.id);
      else next.delete(row.id);
      return next;
    });
  }

  toggleAll(checked: boolean): void {
    this.selected.set(new Set(checked ? this.selectable().map((row) => row.id) : []));
  }

  /** Send many: confirm, start, then follow its progress. */
  sendSelected(): void {
    const status = this.status();
    const data: BulkSendDialogData =
      this.allOfStatus() && status
        ? { type: this.type(), status, count: this.result()!.total }
        : { type: this.type(), documentIds: [...this.selected()], count: this.selected().size };
    BulkSendDialogComponent.open(this.dialog, data).subscribe((bulk) => {
      if (bulk) void this.router.navigate(['/outbox/bulk', bulk.id]);
    });
  }

  downloadPdf(row: DocumentSummaryDto): void {
    this.api.pdf(this.type(), row.id).subscribe({
      next: (blob) => openBlob(blob, pdfFilename({ type: this.type(), number: row.number }), 'download'),
      error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 5000 }),
    });
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: params, queryParamsHandling: 'merge', replaceUrl: false });
  }
}
