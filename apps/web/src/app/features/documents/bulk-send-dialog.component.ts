import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { firstValueFrom, type Observable } from 'rxjs';
import { type BulkSendDto, DOCUMENT_LABELS, type DocumentStatus, type DocumentType } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { OutboxApi } from '../../core/api/outbox-api';
import { AuthService } from '../../core/auth.service';
import { responsiveDialog } from '../../shared/layout';

/** The documents picked, or every one in a status that the user may send (`count` of them, as the list says). */
export type BulkSendDialogData = { type: DocumentType; count: number } & ({ documentIds: string[] } | { status: DocumentStatus });

/** Send many: confirms the run (and, for admins, whose mailboxes), then starts it; closes with the bulk send. */
@Component({
  selector: 'app-bulk-send-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatIconModule, MatProgressSpinnerModule, MatRadioModule],
  template: `
    <h2 mat-dialog-title>Send {{ what }}?</h2>
    <mat-dialog-content>
      <p>Each goes to its primary contact (else its billing contact) with its email template and PDF, one after another.</p>
      @if (isAdmin()) {
        <mat-radio-group [formControl]="sender" aria-label="Whose mailbox" class="senders">
          <mat-radio-button value="me">From my mailbox</mat-radio-button>
          <mat-radio-button value="owner">From each {{ label }}'s owner (on their behalf)</mat-radio-button>
        </mat-radio-group>
      }
      @if (error(); as message) { <div class="error-banner" role="alert" data-testid="bulk-error"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Cancel</button>
      <button mat-flat-button type="button" (click)="start()" [disabled]="starting()" data-testid="start-bulk">
        @if (starting()) { <mat-spinner diameter="18" aria-label="Starting" /> } Send them
      </button>
    </mat-dialog-actions>
  `,
  styles: `.senders { display: flex; flex-direction: column; gap: 4px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkSendDialogComponent {
  static open(dialog: MatDialog, data: BulkSendDialogData): Observable<BulkSendDto | undefined> {
    return dialog.open<BulkSendDialogComponent, BulkSendDialogData, BulkSendDto>(BulkSendDialogComponent, { data, ...responsiveDialog('520px') }).afterClosed();
  }

  readonly data = inject<BulkSendDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(OutboxApi);
  private readonly dialogRef = inject<MatDialogRef<BulkSendDialogComponent, BulkSendDto>>(MatDialogRef);
  readonly isAdmin = inject(AuthService).isAdmin;
  readonly label = DOCUMENT_LABELS[this.data.type].toLowerCase();
  readonly what = `${'status' in this.data ? `all ${this.data.count} ${this.data.status}` : this.data.count} ${this.label}${this.data.count === 1 ? '' : 's'}`;
  readonly sender = new FormControl<'me' | 'owner'>('me', { nonNullable: true });
  readonly starting = signal(false);
  readonly error = signal<string | null>(null);

  async start(): Promise<void> {
    this.starting.set(true);
    this.error.set(null);
    try {
      const selection = 'status' in this.data ? { status: this.data.status } : { documentIds: this.data.documentIds };
      this.dialogRef.close(await firstValueFrom(this.api.bulk({ documentType: this.data.type, ...selection, sender: this.sender.value })));
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.starting.set(false);
    }
  }
}
