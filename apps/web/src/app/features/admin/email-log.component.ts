import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
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
import { catchError, debounceTime, of } from 'rxjs';
import type { EmailLogQuery, EmailMessageDto, EmailStatus, UserDirectoryEntry } from '@sendas/contracts';
import { EmailLogApi } from '../../core/api/email-log-api';
import { UsersApi } from '../../core/api/users-api';
import { EmailDetailDialogComponent } from '../../shared/email-detail-dialog.component';
import { SentCopyComponent } from '../../shared/sent-copy.component';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';
import { pagedResource } from '../../shared/paged-resource';

/** Admin > Email log: every send, filterable by person, status, dates and text (subject, number, recipients). */
@Component({
  selector: 'app-email-log',
  imports: [DatePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule, MatSelectModule, MatTableModule, SentCopyComponent, StatusChipComponent, TableSkeletonComponent],
  template: `
    <section class="page wide">
      <h1>Email log</h1>
      <form [formGroup]="filters" class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic"><mat-label>Subject, number or recipient</mat-label><input matInput formControlName="q" /></mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Person</mat-label>
          <mat-select formControlName="userId" data-testid="log-person">
            <mat-option value="">Anyone</mat-option>
            @for (person of people(); track person.id) { <mat-option [value]="person.id">{{ person.name }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Status</mat-label>
          <mat-select formControlName="status"><mat-option value="">Any</mat-option><mat-option value="sent">sent</mat-option><mat-option value="failed">failed</mat-option><mat-option value="sending">sending</mat-option><mat-option value="unknown">may have been delivered</mat-option></mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic"><mat-label>From day</mat-label><input matInput type="date" formControlName="since" /></mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic"><mat-label>To day</mat-label><input matInput type="date" formControlName="until" /></mat-form-field>
      </form>
      @if (error(); as message) { <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div> }
      @if (loading() && !page()) { <app-table-skeleton label="Loading the email log" /> }
      @if (page(); as p) {
        <table mat-table [dataSource]="p.items" aria-label="Sent emails" class="cards-on-phone">
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>When</th><td mat-cell *matCellDef="let m" data-label="When">{{ m.createdAt | date: 'short' }}</td></ng-container>
          <ng-container matColumnDef="document"><th mat-header-cell *matHeaderCellDef>Document</th><td mat-cell *matCellDef="let m" data-label="Document"><button mat-button class="open" (click)="open(m); $event.stopPropagation()" [attr.aria-label]="m.documentNumber + ': details of the email “' + m.subject + '” of ' + (m.createdAt | date: 'short')">{{ m.documentNumber }}</button></td></ng-container>
          <ng-container matColumnDef="who"><th mat-header-cell *matHeaderCellDef>Sent by</th><td mat-cell *matCellDef="let m" data-label="Sent by">{{ m.actor.name }}@if (m.actor.id !== m.sender.id) { as {{ m.sender.name }} }@if (m.apiKey) { <div class="via-key">API key “{{ m.apiKey }}”</div> }</td></ng-container>
          <ng-container matColumnDef="via"><th mat-header-cell *matHeaderCellDef>Via</th><td mat-cell *matCellDef="let m" data-label="Via">{{ m.sentVia === 'user' ? 'own mailbox' : 'company account' }}<br /><small>{{ m.from }}</small></td></ng-container>
          <ng-container matColumnDef="to"><th mat-header-cell *matHeaderCellDef>To</th><td mat-cell *matCellDef="let m" data-label="To">{{ m.to.join(', ') }}</td></ng-container>
          <ng-container matColumnDef="status"><th mat-header-cell *matHeaderCellDef>Status</th><td mat-cell *matCellDef="let m" data-label="Status"><app-status-chip [status]="m.status" />@if (m.error) { <div class="err">{{ m.error.code }}</div> }<div><app-sent-copy [outcome]="m.sentCopy" [detail]="false" /></div></td></ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" class="clickable" (click)="open(row)"></tr>
        </table>
        @if (!p.items.length) { <p class="empty">No emails match.</p> }
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.pageSize" [pageSizeOptions]="[25, 50, 100]" (page)="onPage($event)" aria-label="Pages of the email log" />
      }
    </section>
  `,
  styles: `.wide { max-width: 1200px; } .filters { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; } table { border: 1px solid var(--mat-sys-outline-variant); } .err { color: var(--mat-sys-error); font-size: 12px; } .empty { color: var(--mat-sys-on-surface-variant); } .clickable { cursor: pointer; } .clickable:hover { background: var(--mat-sys-surface-container); } .open { padding: 0 4px; min-width: 0; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailLogComponent {
  private readonly api = inject(EmailLogApi);
  readonly columns = ['when', 'document', 'who', 'via', 'to', 'status'];
  readonly filters = inject(NonNullableFormBuilder).group({ q: [''], userId: [''], status: ['' as EmailStatus | ''], since: [''], until: [''] });
  /** Who sent or was sent as, for the person filter. */
  readonly people = toSignal(inject(UsersApi).directory().pipe(catchError(() => of([] as UserDirectoryEntry[]))), { initialValue: [] as UserDirectoryEntry[] });
  private readonly filterValues = toSignal(this.filters.valueChanges.pipe(debounceTime(300)), { initialValue: this.filters.getRawValue() });
  readonly pageIndex = signal(1);
  readonly pageSize = signal(25);
  private readonly list = pagedResource(
    () => {
      const { q, userId, status, since, until } = this.filterValues();
      return { page: this.pageIndex(), pageSize: this.pageSize(), q, since, until, status: status || undefined, userId: userId || undefined } satisfies EmailLogQuery;
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
  }

  open(email: EmailMessageDto): void {
    EmailDetailDialogComponent.open(this.dialog, email);
  }

  onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex + 1);
  }
}
