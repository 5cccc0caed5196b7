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
import { ZonedTimePipe } from '../../shared/zoned-time.pipe';

/** The documents picked, or every one in a status that the user may send (`count` of them, as the list says). */
export type BulkSendDialogData = { type: DocumentType; count: number } & ({ documentIds: string[] } | { status: DocumentStatus });

/**
 * Send many: shows before it sends. Per document the contacts it goes to, the mailbox it goes from, when it was sent
 * before and what stops it; documents sent before are left out unless ticked back (a run by status asks about them
 * explicitly). Sends exactly the documents ticked; closes with the bulk send.
 */
@Component({
  selector: 'app-bulk-send-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatIconModule, MatProgressSpinnerModule, MatRadioModule, ZonedTimePipe],
  template: `
    <h2 mat-dialog-title>Send {{ what }}?</h2>
    <mat-dialog-content>
      @if (isAdmin()) {
        <mat-radio-group [formControl]="sender" aria-label="Whose mailbox" class="senders">
          <mat-radio-button value="me">From my mailbox</mat-radio-button>
          <mat-radio-button value="owner">From each {{ label }}'s owner (on their behalf)</mat-radio-button>
        </mat-radio-group>
      }
      @if (loadError(); as message) {
        <div class="error-banner" role="alert" data-testid="bulk-preview-error">
          <mat-icon aria-hidden="true">error</mat-icon><span>{{ message }}</span>
          <button mat-button type="button" (click)="load()">Try again</button>
        </div>
      } @else if (!preview()) {
        <div class="loading"><mat-spinner diameter="32" aria-label="Checking each {{ label }}" /></div>
      } @else {
        <p>Each goes with its email template and PDF, one after another, paced to its mailbox.</p>
        @if (askAboutSent()) {
          <fieldset class="already-sent-question" data-testid="already-sent-question">
            <legend>{{ sentBefore().length }} of these {{ label }}s {{ sentBefore().length === 1 ? 'was' : 'were' }} sent before. Send {{ sentBefore().length === 1 ? 'it' : 'them' }} again?</legend>
            <mat-radio-group [formControl]="alreadySent" aria-label="Documents sent before">
              <mat-radio-button value="skip" data-testid="already-sent-skip">Leave {{ sentBefore().length === 1 ? 'it' : 'them' }} out</mat-radio-button>
              <mat-radio-button value="include" data-testid="already-sent-include">Send {{ sentBefore().length === 1 ? 'it' : 'them' }} again too</mat-radio-button>
            </mat-radio-group>
          </fieldset>
        }
        <ul class="items" data-testid="bulk-preview">
          @for (item of preview()!.items; track item.documentId) {
            <li [attr.data-number]="item.documentNumber" [class.problem]="item.problem">
              <mat-checkbox [checked]="ticked().has(item.documentId)" [disabled]="!!item.problem || starting()" (change)="tick(item, $event.checked)"
                [aria-label]="'Send ' + item.documentNumber" data-testid="bulk-item-tick" />
              <div class="item">
                <div class="title"><strong>{{ item.documentNumber }}</strong> · {{ item.companyName }}</div>
                @if (item.problem; as problem) {
                  <div class="problem-text" data-testid="bulk-item-problem"><mat-icon aria-hidden="true">block</mat-icon>{{ problem.message }}</div>
                } @else {
                  <div class="line">To {{ item.to.join(', ') }}</div>
                  <div class="line muted">
                    @if (item.from.via === 'user') { From {{ item.from.name }} &lt;{{ item.from.email }}&gt; } @else { From the company account ({{ item.from.email }}) }
                  </div>
                }
                @if (item.lastSentAt) {
                  <div class="sent-before" data-testid="bulk-item-sent-before"><mat-icon aria-hidden="true">history</mat-icon>Already sent on {{ item.lastSentAt | zonedTime: timeZone() }}</div>
                }
              </div>
            </li>
          }
        </ul>
      }
      @if (error(); as message) { <div class="error-banner" role="alert" data-testid="bulk-error"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Cancel</button>
      <button mat-flat-button type="button" (click)="start()" [disabled]="!canStart()" data-testid="start-bulk">
        @if (starting()) { <mat-spinner diameter="18" aria-label="Starting" /> }
        Send {{ ticked().size }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .senders { display: flex; flex-direction: column; gap: 4px; margin-bottom: 8px; }
    .loading { display: flex; justify-content: center; padding: 24px; }
    .items { list-style: none; margin: 0; padding: 0; }
    .items li { display: flex; align-items: flex-start; gap: 4px; padding: 8px 0; border-top: 1px solid var(--mat-sys-outline-variant); }
    .item { min-width: 0; padding-top: 10px; overflow-wrap: anywhere; }
    .line { font-size: 0.875rem; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .sent-before, .problem-text { display: flex; align-items: center; gap: 4px; font-size: 0.875rem; margin-top: 2px; }
    .sent-before mat-icon, .problem-text mat-icon { font-size: 18px; width: 18px; height: 18px; flex: none; }
    .problem-text { color: var(--mat-sys-error); }
    .already-sent-question { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; margin: 0 0 8px; padding: 8px 12px; }
    .already-sent-question mat-radio-group { display: flex; flex-wrap: wrap; gap: 4px 16px; }
  `,
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
  readonly timeZone = computed(() => this.auth.user()?.timeZone ?? 'UTC');
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
      const documentIds = this.preview()!.items.filter((item) => this.ticked().has(item.documentId)).map((item) => item.documentId);
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
