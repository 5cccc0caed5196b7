import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { DOCUMENT_LABELS, DOCUMENT_PATHS, type DocumentDetailDto, type DocumentType, type EmailMessageDto, pdfFilename } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { openBlob } from '../../shared/pdf-download';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { EmailSendDialogComponent, type EmailSendDialogData } from '../email/email-send-dialog.component';
import { DocumentsApi } from '../../core/api/documents-api';

/** One document: header, line items, contacts, PDF, and its email history. */
@Component({
  selector: 'app-document-detail',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, RouterLink, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, MatTableModule, StatusChipComponent],
  templateUrl: './document-detail.component.html',
  styleUrl: './document-detail.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentDetailComponent {
  private readonly api = inject(DocumentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly type = input.required<DocumentType>();
  readonly id = input.required<string>();
  readonly label = computed(() => DOCUMENT_LABELS[this.type()]);
  readonly listLink = computed(() => ['/', DOCUMENT_PATHS[this.type()]]);
  readonly document = signal<DocumentDetailDto | null>(null);
  readonly history = signal<EmailMessageDto[]>([]);
  readonly error = signal<string | null>(null);
  readonly lineColumns = ['position', 'description', 'quantity', 'unitPrice', 'taxRate', 'netAmount'];
  private readonly reloads = signal(0);

  constructor() {
    effect((onCleanup) => {
      const [type, id] = [this.type(), this.id()];
      this.reloads();
      const subscription = forkJoin([this.api.get(type, id), this.api.history(type, id)]).subscribe({
        next: ([document, history]) => {
          this.document.set(document);
          this.history.set(history);
        },
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
      onCleanup(() => subscription.unsubscribe());
    });
  }

  sendEmail(document: DocumentDetailDto): void {
    const data: EmailSendDialogData = { type: this.type(), id: document.id, number: document.number, companyName: document.company.name };
    EmailSendDialogComponent.open(this.dialog, data).subscribe((sent) => sent && this.reloads.update((n) => n + 1));
  }

  pdf(document: DocumentDetailDto, mode: 'open' | 'download'): void {
    this.api.pdf(this.type(), document.id).subscribe({
      next: (blob) => openBlob(blob, pdfFilename(document), mode),
      error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 5000 }),
    });
  }
}
