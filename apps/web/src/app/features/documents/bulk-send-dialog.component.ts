import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  type BulkPreviewItem,
  type BulkSendDto,
  type BulkSendPreview,
  type BulkSendRequest,
  DOCUMENT_LABELS,
  type DocumentStatus,
  type DocumentType,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { OutboxApi } from '../../core/api/outbox-api';
import { AuthService } from '../../core/auth.service';
import { responsiveDialog } from '../../shared/layout';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** The documents picked, or every one in a status that the user may send (`count` of them, as the list says). */
export type BulkSendDialogData = { type: DocumentType; count: number } & ({ documentIds: string[] } | { status: DocumentStatus });

/**
 * Send many: shows before it sends. Per document the contacts it goes to, the mailbox it goes from, when it was sent
 * before and what stops it; documents sent before are left out unless ticked back (a run by status asks about them
 * explicitly). Sends exactly the documents ticked; closes with the bulk send.
 */
@Component({
  selector: 'app-bulk-send-dialog',
  imports: [LocalTimePipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatIconModule, MatProgressSpinnerModule, MatRadioModule],
  templateUrl: './bulk-send-dialog.component.html',
  styleUrl: './bulk-send-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkSendDialogComponent {
  static open(dialog: MatDialog, data: BulkSendDialogData): Observable<BulkSendDto | undefined> {
    return dialog.open<BulkSendDialogComponent, BulkSendDialogData, BulkSendDto>(BulkSendDialogComponent, { data, ...responsiveDialog('600px') }).afterClosed();
  }

  readonly data = inject<BulkSendDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(OutboxApi);
  private readonly dialogRef = inject<MatDialogRef<BulkSendDialogComponent, BulkSendDto>>(MatDialogRef);
  private readonly auth = inject(AuthService);
  readonly isAdmin = this.auth.isAdmin;
  readonly label = DOCUMENT_LABELS[this.data.type].toLowerCase();
  readonly what = `${'status' in this.data ? `all ${this.data.count} ${this.data.status}` : this.data.count} ${this.label}${this.data.count === 1 ? '' : 's'}`;
  readonly sender = new FormControl<'me' | 'owner'>('me', { nonNullable: true });
  /** A run by status: what to do with documents sent before, answered explicitly (no default). */
  readonly alreadySent = new FormControl<'skip' | 'include' | null>(null);
  readonly preview = signal<BulkSendPreview | null>(null);
  readonly ticked = signal<ReadonlySet<string>>(new Set());
  readonly loadError = signal<string | null>(null);
  readonly starting = signal(false);
  readonly error = signal<string | null>(null);
  private readonly answered = signal(false);
  private loads = 0;

  readonly sentBefore = computed(() => this.preview()?.items.filter((item) => item.lastSentAt && !item.problem) ?? []);
  readonly askAboutSent = computed(() => 'status' in this.data && this.sentBefore().length > 0);
  readonly canStart = computed(() => !!this.preview() && this.ticked().size > 0 && !this.starting() && (!this.askAboutSent() || this.answered()));

  constructor() {
    void this.load();
    this.sender.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => void this.load());
    this.alreadySent.valueChanges.pipe(takeUntilDestroyed()).subscribe((choice) => {
      this.answered.set(choice !== null);
      const sent = new Set(this.sentBefore().map((item) => item.documentId));
      this.ticked.update((ticked) => new Set([...ticked].filter((id) => !sent.has(id)).concat(choice === 'include' ? [...sent] : [])));
    });
  }

  /** Checks each document as the run would (again when the admin picks other mailboxes); ticks what can go and was never sent. */
  async load(): Promise<void> {
    const attempt = ++this.loads;
    this.preview.set(null);
    this.loadError.set(null);
    this.alreadySent.setValue(null, { emitEvent: false });
    this.answered.set(false);
    try {
      const preview = await firstValueFrom(this.api.bulkPreview({ documentType: this.data.type, ...this.selection(), sender: this.sender.value }));
      if (attempt !== this.loads) return;
      this.ticked.set(new Set(preview.items.filter((item) => !item.problem && !item.lastSentAt).map((item) => item.documentId)));
      this.preview.set(preview);
    } catch (error) {
      if (attempt === this.loads) this.loadError.set(toApiError(error).message);
    }
  }

  tick(item: BulkPreviewItem, checked: boolean): void {
    this.ticked.update((ticked) => {
      const next = new Set(ticked);
      if (checked) next.add(item.documentId);
      else next.delete(item.documentId);
      return next;
    });
  }

  /** Sends exactly what was shown and ticked: a document sent before is in it only because the user ticked it. */
  async start(): Promise<void> {
    if (!this.canStart()) return;
    this.starting.set(true);
    this.error.set(null);
    try {
      const documentIds = this.preview()!
        .items.filter((item) => this.ticked().has(item.documentId))
        .map((item) => item.documentId);
      const request: BulkSendRequest = { documentType: this.data.type, documentIds, sender: this.sender.value, alreadySent: 'include' };
      this.dialogRef.close(await firstValueFrom(this.api.bulk(request)));
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.starting.set(false);
    }
  }

  private selection(): Pick<BulkSendRequest, 'documentIds' | 'status'> {
    return 'status' in this.data ? { status: this.data.status } : { documentIds: this.data.documentIds };
  }
}
