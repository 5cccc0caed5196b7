import { DatePipe } from '@angular/common';
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

/** Which send to show: the document it belongs to and its id in the audit log. */
export interface EmailDetailRef {
  documentType: DocumentType;
  documentId: string;
  emailId: string;
}

/** One send, whole: how it went, who sent it as whom and through which mailbox, recipients, body as sent, attachments, server reply. */
@Component({
  selector: 'app-email-detail-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, SentCopyComponent, StatusChipComponent],
  template: `
    <h2 mat-dialog-title>{{ email()?.subject ?? 'Email' }}</h2>
    <!-- focusable, so the keyboard can scroll a long message -->
    <mat-dialog-content data-testid="email-detail" tabindex="0" role="region" aria-label="The email">
      @if (error(); as message) {
        <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div>
      } @else if (email(); as m) {
        <p class="summary">
          <app-status-chip [status]="m.status" />
          <span data-testid="email-summary">
            {{ m.actor.name }}@if (m.actor.id !== m.sender.id) { on behalf of {{ m.sender.name }}} {{ verbs[m.status] }}
            {{ labels[m.documentType] }} {{ m.documentNumber }}@if (m.status === 'failed') { — it failed: nothing was sent}@if (m.status === 'unknown') { — the connection broke after the whole message was handed over}.
          </span>
        </p>
        <dl>
          <dt>From</dt>
          <dd>{{ m.from }} <span class="muted">({{ m.sentVia === 'user' ? 'their own mailbox' : 'the company account' }})</span></dd>
          @if (m.replyTo) { <dt>Reply-To</dt><dd>{{ m.replyTo }}</dd> }
          <dt>Sent by</dt>
          <dd>{{ m.actor.name }}@if (m.apiKey) { <span class="muted"> with the API key “{{ m.apiKey }}”</span>}</dd>
          <dt>To</dt><dd data-testid="email-to">{{ m.to.join(', ') }}</dd>
          @if (m.cc.length) { <dt>Cc</dt><dd data-testid="email-cc">{{ m.cc.join(', ') }}</dd> }
          @if (m.bcc === null) {
            <dt>Bcc</dt><dd class="muted" data-testid="email-bcc">shown only to the sender and admins</dd>
          } @else if (m.bcc.length) {
            <dt>Bcc</dt><dd data-testid="email-bcc">{{ m.bcc.join(', ') }}</dd>
          }
          @if (m.rejected.length) {
            <dt>Accepted</dt><dd data-testid="email-accepted">{{ m.accepted.length ? m.accepted.join(', ') : 'nobody' }}</dd>
            <dt>Refused</dt><dd class="error-text" data-testid="email-rejected">{{ m.rejected.join(', ') }}: the server would not take the message for these</dd>
          }
          <dt>Attachments</dt><dd>{{ m.attachments.length ? m.attachments.join(', ') : 'none' }}</dd>
          <dt>Started</dt><dd>{{ m.createdAt | date: 'medium' }}</dd>
          @if (m.completedAt) { <dt>Finished</dt><dd>{{ m.completedAt | date: 'medium' }}</dd> }
          @if (m.messageId) { <dt>Message-ID</dt><dd class="code">{{ m.messageId }}</dd> }
          @if (m.smtpResponse) { <dt>Server reply</dt><dd class="code" data-testid="email-smtp-response">{{ m.smtpResponse }}</dd> }
          @if (m.error) { <dt>Error</dt><dd class="error-text">{{ m.error.message }} <code>{{ m.error.code }}</code></dd> }
          @if (m.sentCopy) {
            <dt>Sent folder</dt>
            <dd data-testid="email-sent-copy"><app-sent-copy [outcome]="m.sentCopy" />@if (m.sentCopy.code) { <code>{{ m.sentCopy.code }}</code> }</dd>
          }
        </dl>
        <h3>Message as sent</h3>
        <pre class="body" data-testid="email-body">{{ m.body }}</pre>
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the email" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .summary { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
    dt { color: var(--mat-sys-on-surface-variant); }
    dd { margin: 0; overflow-wrap: anywhere; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .code { font-family: ui-monospace, monospace; font-size: 12px; }
    .error-text { color: var(--mat-sys-error); }
    h3 { font-size: 15px; margin: 0 0 8px; }
    .body { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; background: var(--mat-sys-surface-container); padding: 12px; border-radius: 8px; margin: 0; }
    @media (max-width: 599.98px) { dl { grid-template-columns: 1fr; } dt { margin-top: 6px; } }
  `,
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
