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
import { ZonedTimePipe } from '../../shared/zoned-time.pipe';
import { RescheduleDialogComponent } from './reschedule-dialog.component';
import { pagedResource } from '../../shared/paged-resource';

/** Scheduled: sends waiting in the outbox (mine; everyone's for admins), to move or cancel until they start. */
@Component({
  selector: 'app-outbox',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatPaginatorModule, MatSelectModule, MatSlideToggleModule, MatTableModule, StatusChipComponent, TableSkeletonComponent, ZonedTimePipe],
  template: `
    <section class="page wide">
      <h1>Scheduled</h1>
      <form [formGroup]="filters" class="filters">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Status</mat-label>
          <mat-select formControlName="status" data-testid="outbox-status">
            <mat-option value="">Any</mat-option>
            @for (status of statuses; track status) { <mat-option [value]="status">{{ status }}</mat-option> }
          </mat-select>
        </mat-form-field>
        @if (isAdmin()) { <mat-slide-toggle formControlName="everyone">Everyone's</mat-slide-toggle> }
      </form>
      @if (error(); as message) { <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div> }
      @if (loading() && !page()) { <app-table-skeleton label="Loading scheduled sends" /> }
      @if (page(); as p) {
        <table mat-table [dataSource]="p.items" aria-label="Scheduled sends" class="cards-on-phone">
          <ng-container matColumnDef="when"><th mat-header-cell *matHeaderCellDef>When</th><td mat-cell *matCellDef="let s" data-label="When">{{ s.sendAt | zonedTime: s.timeZone }}<br /><small>{{ s.timeZone }}</small></td></ng-container>
          <ng-container matColumnDef="document"><th mat-header-cell *matHeaderCellDef>Document</th><td mat-cell *matCellDef="let s" data-label="Document"><a [routerLink]="documentLink(s)">{{ s.documentNumber }}</a></td></ng-container>
          <ng-container matColumnDef="who"><th mat-header-cell *matHeaderCellDef>By</th><td mat-cell *matCellDef="let s" data-label="By">{{ s.actor.name }}@if (s.actor.id !== s.sender.id) { as {{ s.sender.name }} }</td></ng-container>
          <ng-container matColumnDef="to"><th mat-header-cell *matHeaderCellDef>To</th><td mat-cell *matCellDef="let s" data-label="To">{{ s.to.join(', ') }}<br /><small>{{ s.subject }}</small></td></ng-container>
          <ng-container matColumnDef="status"><th mat-header-cell *matHeaderCellDef>Status</th><td mat-cell *matCellDef="let s" data-label="Status"><app-status-chip [status]="s.status" />@if (s.error) { <div class="err">{{ s.error.message }}</div> }</td></ng-container>
          <ng-container matColumnDef="actions"><th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th><td mat-cell *matCellDef="let s" data-label="">
            @if (s.status === 'scheduled') {
              <button mat-button type="button" (click)="move(s)" [attr.aria-label]="'Move the send of ' + s.documentNumber">Move</button>
              <button mat-button type="button" (click)="cancel(s)" [attr.aria-label]="'Cancel the send of ' + s.documentNumber" data-testid="cancel-scheduled">Cancel</button>
            }
          </td></ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-number]="row.documentNumber"></tr>
        </table>
        @if (!p.items.length) { <p class="empty">Nothing scheduled. Choose "Send later" in the Send Email dialog of a document.</p> }
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.pageSize" [pageSizeOptions]="[25, 50, 100]" (page)="onPage($event)" aria-label="Pages of scheduled sends" />
      }
    </section>
  `,
  styles: `.wide { max-width: 1200px; } .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin-bottom: 12px; } table { border: 1px solid var(--mat-sys-outline-variant); } .err { color: var(--mat-sys-error); font-size: 12px; } .empty { color: var(--mat-sys-on-surface-variant); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OutboxComponent {
  private readonly api = inject(OutboxApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  readonly isAdmin = inject(AuthService).isAdmin;
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
