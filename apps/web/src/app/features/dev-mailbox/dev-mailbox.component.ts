import { MatDialog } from '@angular/material/dialog';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import type { DevMailDetail, DevMailSummary, Page } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { DevMailboxApi } from '../../core/api/dev-mailbox-api';
import { openBlob } from '../../shared/pdf-download';
import { EmailDetailDialogComponent, type EmailDetailRef } from '../../shared/email-detail-dialog.component';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** What the dev mail catcher received: nothing here was delivered anywhere. */
@Component({
  selector: 'app-dev-mailbox',
  imports: [LocalTimePipe, MatButtonModule, MatIconModule, MatListModule, MatProgressBarModule],
  templateUrl: './dev-mailbox.component.html',
  styleUrl: './dev-mailbox.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DevMailboxComponent {
  private readonly api = inject(DevMailboxApi);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly dialog = inject(MatDialog);

  readonly messages = signal<Page<DevMailSummary> | null>(null);
  readonly selected = signal<DevMailDetail | null>(null);
  readonly html = signal<SafeHtml | null>(null);
  readonly error = signal<string | null>(null);

  constructor() {
    this.refresh();
  }

  refresh(): void {
    this.api.list({ pageSize: 50 }).subscribe({
      next: (page) => {
        this.messages.set(page);
        this.error.set(null);
      },
      // messages listed before the failure may be gone: none are shown under the error
      error: (error: unknown) => {
        this.messages.set(null);
        this.error.set(toApiError(error).message);
      },
    });
  }

  openSendRecord(record: EmailDetailRef): void {
    EmailDetailDialogComponent.open(this.dialog, record);
  }

  open(message: DevMailSummary): void {
    this.api.get(message.id).subscribe({
      next: (detail) => {
        this.selected.set(detail);
        // Shown in a sandboxed iframe (no scripts, no same-origin), so the HTML part cannot act on this page.
        this.html.set(detail.html ? this.sanitizer.bypassSecurityTrustHtml(detail.html) : null);
      },
      error: (error: unknown) => this.error.set(toApiError(error).message),
    });
  }

  download(detail: DevMailDetail, index: number, filename: string): void {
    this.api.attachment(detail.id, index).subscribe({
      next: (blob) => openBlob(blob, filename, 'download'),
      error: (error: unknown) => this.error.set(toApiError(error).message),
    });
  }
}
