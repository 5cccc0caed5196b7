import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DOCUMENT_LABELS, type DocumentType, EMAIL_OUTCOME_VERBS, type EmailMessageDetailDto, type EmailMessageDto } from '@sendas/contracts';
import { toApiError } from '../core/api-error';
import { DocumentsApi } from '../core/api/documents-api';
import { responsiveDialog } from './layout';
import { SentCopyComponent } from './sent-copy.component';
import { StatusChipComponent } from './status-chip.component';
import { LocalTimePipe } from './local-time.pipe';

/** Which send to show: the document it belongs to and its id in the audit log. */
export interface EmailDetailRef {
  documentType: DocumentType;
  documentId: string;
  emailId: string;
}

/** One send, whole: how it went, who sent it as whom and through which mailbox, recipients, body as sent, attachments, server reply. */
@Component({
  selector: 'app-email-detail-dialog',
  imports: [LocalTimePipe, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, SentCopyComponent, StatusChipComponent],
  templateUrl: './email-detail-dialog.component.html',
  styleUrl: './email-detail-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailDetailDialogComponent {
  private readonly ref = inject<EmailDetailRef>(MAT_DIALOG_DATA);
  readonly verbs = EMAIL_OUTCOME_VERBS;
  readonly labels = DOCUMENT_LABELS;
  readonly email = signal<EmailMessageDetailDto | null>(null);
  readonly error = signal<string | null>(null);

  constructor() {
    inject(DocumentsApi)
      .email(this.ref.documentType, this.ref.documentId, this.ref.emailId)
      .subscribe({
        next: (email) => this.email.set(email),
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  /** Opens a send of the history or the email log, or one the dev mailbox points to. */
  static open(dialog: MatDialog, send: EmailMessageDto | EmailDetailRef): void {
    const ref: EmailDetailRef = 'emailId' in send ? send : { documentType: send.documentType, documentId: send.documentId, emailId: send.id };
    dialog.open(EmailDetailDialogComponent, { data: ref, ...responsiveDialog('720px') });
  }
}
