import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { forkJoin, type Subscription } from 'rxjs';
import {
  DOCUMENT_COPIES,
  DOCUMENT_LABELS,
  DOCUMENT_PATHS,
  DOCUMENT_TRANSITIONS,
  type DocumentDetailDto,
  type DocumentStatus,
  type DocumentType,
  type EmailMessageDto,
  pdfFilename,
  EMAIL_OUTCOME_VERBS,
  type ScheduledSendDto,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { openBlob } from '../../shared/pdf-download';
import { ConfirmDialogComponent } from '../../shared/confirm-dialog.component';
import { cancelScheduledSend } from '../../shared/cancel-scheduled-send';
import { SentCopyComponent } from '../../shared/sent-copy.component';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { EmailSendDialogComponent, type EmailSendDialogData } from '../email/email-send-dialog.component';
import { DocumentsApi } from '../../core/api/documents-api';
import { OutboxApi } from '../../core/api/outbox-api';
import { EmailDetailDialogComponent } from '../../shared/email-detail-dialog.component';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** One document: header, line items, contacts, PDF, and its email history. */
@Component({
  selector: 'app-document-detail',
  imports: [
    LocalTimePipe,
    CurrencyPipe,
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTableModule,
    SentCopyComponent,
    StatusChipComponent,
  ],
  templateUrl: './document-detail.component.html',
  styleUrl: './document-detail.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentDetailComponent {
  private readonly api = inject(DocumentsApi);
  private readonly outbox = inject(OutboxApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  readonly type = input.required<DocumentType>();
  readonly id = input.required<string>();
  readonly label = computed(() => DOCUMENT_LABELS[this.type()]);
  readonly outcomeVerbs = EMAIL_OUTCOME_VERBS;
  readonly listLink = computed(() => ['/', DOCUMENT_PATHS[this.type()]]);
  readonly document = signal<DocumentDetailDto | null>(null);
  readonly history = signal<EmailMessageDto[]>([]);
  /** Sends waiting in the outbox (or stopped there: cancelled, failed); a sent one shows as an email. */
  readonly scheduled = signal<ScheduledSendDto[]>([]);
  readonly error = signal<string | null>(null);
  readonly lineColumns = ['position', 'description', 'quantity', 'unitPrice', 'discountPercent', 'taxRate', 'netAmount'];
  private readonly reloads = signal(0);
  /** Looks of the history while a Sent copy is being saved, to back off (2 s, 4 s, … at most 30 s). */
  private readonly copyPolls = signal(0);

  constructor() {
    // The tab and the screen reader name the document, not just the kind of page.
    const title = inject(Title);
    effect(() => {
      const document = this.document();
      if (document) title.setTitle(`${document.number} · ${document.company.name} · Sendas`);
    });
    effect((onCleanup) => {
      const [type, id] = [this.type(), this.id()];
      this.reloads();
      const subscription = forkJoin([this.api.get(type, id), this.api.history(type, id), this.outbox.forDocument(type, id)]).subscribe({
        next: ([document, history, scheduled]) => {
          this.document.set(document);
          this.history.set(history);
          this.scheduled.set(scheduled.filter((send) => send.status !== 'sent'));
        },
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
      onCleanup(() => subscription.unsubscribe());
    });
    // A Sent copy is saved after the send answered: the history follows it until it is no longer pending.
    effect((onCleanup) => {
      if (!this.history().some((email) => email.sentCopy?.status === 'pending')) return;
      const [type, id] = [this.type(), this.id()];
      const delay = Math.min(30_000, 2000 * 2 ** untracked(this.copyPolls));
      let subscription: Subscription | undefined;
      const timer = setTimeout(() => {
        this.copyPolls.update((n) => n + 1);
        subscription = this.api.history(type, id).subscribe({ next: (history) => this.history.set(history), error: () => undefined });
      }, delay);
      onCleanup(() => {
        clearTimeout(timer);
        subscription?.unsubscribe();
      });
    });
  }

  sendEmail(document: DocumentDetailDto): void {
    const data: EmailSendDialogData = {
      type: this.type(),
      id: document.id,
      number: document.number,
      companyName: document.company.name,
      owner: document.owner,
    };
    // reloaded however the dialog ends: a send that failed is in the history too
    EmailSendDialogComponent.open(this.dialog, data).subscribe(() => this.reloads.update((n) => n + 1));
  }

  /** The status changes the rules allow from here ('sent' comes from sending, or by hand for paper deliveries). */
  readonly transitions = computed(() => {
    const document = this.document();
    return document?.canEdit ? ((DOCUMENT_TRANSITIONS[this.type()][document.status] ?? []) as DocumentStatus[]) : [];
  });
  readonly copies = computed(() => DOCUMENT_COPIES[this.type()].filter((as) => as !== this.type()));
  readonly labels = DOCUMENT_LABELS;

  cancelScheduled(send: ScheduledSendDto): void {
    cancelScheduledSend(this.dialog, this.outbox, this.snackBar, send).subscribe((cancelled) =>
      this.scheduled.update((sends) => sends.map((entry) => (entry.id === cancelled.id ? cancelled : entry))),
    );
  }

  openEmail(email: EmailMessageDto): void {
    EmailDetailDialogComponent.open(this.dialog, email);
  }

  changeStatus(document: DocumentDetailDto, status: DocumentStatus): void {
    ConfirmDialogComponent.ask(this.dialog, {
      title: `Mark ${document.number} as ${status}?`,
      message:
        status === 'sent'
          ? 'Only for a document delivered another way: Send Email marks it sent by itself.'
          : `The ${this.label().toLowerCase()} moves from ${document.status} to ${status}. Its fields stay as they are.`,
      confirm: `Mark as ${status}`,
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.api.update(this.type(), document.id, { status }).subscribe({
        next: (updated) => {
          this.document.set(updated);
          this.snackBar.open(`${document.number} is ${status}.`, 'OK', { duration: 4000 });
        },
        error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 }),
      });
    });
  }

  /** Duplicate (same type) or, from a quote, make an invoice or a contract; the new draft opens. */
  copy(document: DocumentDetailDto, as: DocumentType): void {
    this.api.copy(this.type(), document.id, as).subscribe({
      next: (created) => {
        this.snackBar.open(`${DOCUMENT_LABELS[as]} ${created.number} created from ${document.number}.`, 'OK', { duration: 4000 });
        void this.router.navigate(['/', DOCUMENT_PATHS[as], created.id, ...(as === this.type() ? ['edit'] : [])]);
      },
      error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 }),
    });
  }

  pdf(document: DocumentDetailDto, mode: 'open' | 'download'): void {
    this.api.pdf(this.type(), document.id).subscribe({
      next: (blob) => openBlob(blob, pdfFilename(document), mode),
      error: (error: unknown) => this.snackBar.open(toApiError(error).message, 'OK', { duration: 5000 }),
    });
  }
}
