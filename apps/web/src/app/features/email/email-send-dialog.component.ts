import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { type MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { firstValueFrom, type Observable, tap } from 'rxjs';
import {
  type DocumentType,
  type EmailDraft,
  ErrorCode,
  MAX_RECIPIENTS,
  MAX_SUBJECT_LENGTH,
  formatInTimeZone,
  type PendingSendChoice,
  type PendingSendSummary,
  type ScheduledSendDto,
  type SavedEmailDraft,
  type SendEmailRequest,
  type SendEmailResult,
  type UserDirectoryEntry,
} from '@sendas/contracts';
import { mayRetry, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { DocumentsApi } from '../../core/api/documents-api';
import { OutboxApi } from '../../core/api/outbox-api';
import { UsersApi } from '../../core/api/users-api';
import { responsiveDialog } from '../../shared/layout';

export interface EmailSendDialogData {
  type: DocumentType;
  id: string;
  number: string;
  companyName: string;
  /** Whose document it is: an admin sending it sends on their behalf unless they choose otherwise. */
  owner?: { id: string; name: string };
}

/** Codes after which the message may have gone out (or may still): the next Send reuses the key. */
const OUTCOME_OPEN = new Set<string>([ErrorCode.SEND_OUTCOME_UNKNOWN, ErrorCode.SEND_IN_PROGRESS, ErrorCode.INTERNAL_ERROR]);

/** Codes that mean "your mailbox settings need attention". */
const MAILBOX_PROBLEMS = new Set<string>([
  ErrorCode.SMTP_AUTH_FAILED,
  ErrorCode.SMTP_APP_PASSWORD_REQUIRED,
  ErrorCode.SECRET_UNREADABLE,
  ErrorCode.SMTP_TLS_FAILED,
  ErrorCode.SMTP_UNREACHABLE,
  ErrorCode.SMTP_TIMEOUT,
  ErrorCode.SMTP_HOST_NOT_ALLOWED,
  ErrorCode.SMTP_SENDER_REJECTED,
  ErrorCode.MAILBOX_RECONNECT_REQUIRED,
]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ListName = 'extra' | 'cc' | 'bcc';

/** What the dialog closes with: the send's result, or the scheduled send. */
export type SendDialogOutcome = SendEmailResult | ScheduledSendDto;

/** YYYY-MM-DD of a day from now, on this device's calendar (the date input's format). */
function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The Send Email dialog: who it goes from (never chosen here), to whom, what it says, and the PDF. */
@Component({
  selector: 'app-email-send-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatDialogModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
  ],
  templateUrl: './email-send-dialog.component.html',
  styleUrl: './email-send-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmailSendDialogComponent {
  /** Opens the dialog; emits the send result, or undefined when it was closed without sending. */
  /** `opener`: where focus goes back to when the dialog closes (needed when it was opened from a menu, which is gone by then). */
  static open(dialog: MatDialog, data: EmailSendDialogData, opener?: { focus(): void }): Observable<SendDialogOutcome | undefined> {
    return dialog
      .open<EmailSendDialogComponent, EmailSendDialogData, SendDialogOutcome>(EmailSendDialogComponent, {
        data,
        autoFocus: 'dialog',
        restoreFocus: !opener,
        // Escape, a click outside and Cancel ask first when the message was changed (requestClose)
        disableClose: true,
        ...responsiveDialog('720px'),
      })
      .afterClosed()
      .pipe(tap(() => opener?.focus()));
  }

  readonly data = inject<EmailSendDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(DocumentsApi);
  private readonly users = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<EmailSendDialogComponent, SendDialogOutcome | undefined>>(MatDialogRef);
  private readonly outbox = inject(OutboxApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly maxSubject = MAX_SUBJECT_LENGTH;
  readonly draft = signal<EmailDraft | null>(null);
  readonly loadError = signal<ReturnType<typeof toApiError> | null>(null);
  readonly sending = signal(false);
  readonly sendError = signal<{ code: string; message: string } | null>(null);
  readonly lists = { extra: signal<string[]>([]), cc: signal<string[]>([]), bcc: signal<string[]>([]) };
  readonly invalidEntry = signal<string | null>(null);
  readonly showCopies = signal(false);
  readonly senders = signal<UserDirectoryEntry[]>([]);
  readonly canSendOnBehalf = this.auth.isAdmin;
  /** The draft is being fetched again for another sender. */
  readonly reloading = signal(false);
  /** The user changed the message or its recipients since it was loaded (or restored). */
  readonly changed = signal(false);
  /** When the message was last kept on the server. */
  readonly savedAt = signal<string | null>(null);
  /** The unsent message this dialog brought back, from when. */
  readonly restoredFrom = signal<string | null>(null);
  /** Closing a changed message: the dialog asks whether to keep it. */
  readonly askingToClose = signal(false);
  private saveTimer?: ReturnType<typeof setTimeout>;
  private saving?: Promise<void>;

  readonly form: FormGroup<{
    selected: FormControl<string[]>;
    subject: FormControl<string>;
    body: FormControl<string>;
    attachPdf: FormControl<boolean>;
    onBehalfOfUserId: FormControl<string>;
    later: FormControl<boolean>;
    laterDate: FormControl<string>;
    laterTime: FormControl<string>;
  }> = inject(NonNullableFormBuilder).group({
    selected: [[] as string[]],
    subject: ['', [Validators.required, Validators.maxLength(MAX_SUBJECT_LENGTH), Validators.pattern(/^[^\r\n]*$/)]],
    body: ['', Validators.required],
    attachPdf: [true],
    onBehalfOfUserId: [this.defaultSender()],
    later: [false],
    laterDate: [dayFromNow(1), Validators.required],
    laterTime: ['09:00', Validators.required],
  });
  readonly later = toSignal(this.form.controls.later.valueChanges, { initialValue: false });
  /** Scheduled sends are set in the sender's own time zone (My profile). */
  readonly timeZone = computed(() => this.auth.user()?.timeZone ?? 'UTC');
  readonly today = dayFromNow(0);
  private readonly selected = toSignal(this.form.controls.selected.valueChanges, { initialValue: [] as string[] });
  private readonly body = toSignal(this.form.controls.body.valueChanges, { initialValue: '' });
  readonly recipientCount = computed(() => this.selected().length + this.lists.extra().length + this.lists.cc().length + this.lists.bcc().length);
  readonly toCount = computed(() => this.selected().length + this.lists.extra().length);
  readonly previewParagraphs = computed(() =>
    this.body()
      .trim()
      .split(/\n\s*\n/)
      .filter(Boolean),
  );
  private readonly onBehalfOf = toSignal(this.form.controls.onBehalfOfUserId.valueChanges, { initialValue: this.form.controls.onBehalfOfUserId.value });
  /** Whom the message goes out as, when an admin sends on someone's behalf (null: oneself). */
  readonly behalfOf = computed<{ id: string; name: string } | null>(() => {
    const id = this.onBehalfOf();
    if (!id) return null;
    return this.senders().find((sender) => sender.id === id) ?? (this.data.owner?.id === id ? this.data.owner : null);
  });
  /** The people one may send on behalf of, oneself apart (offered first, as "you"). */
  readonly others = computed(() => this.senders().filter((sender) => sender.id !== this.auth.user()?.id));
  readonly myName = computed(() => this.auth.user()?.name ?? 'Myself');
  /** One sentence under the sender choice that is true of the sender chosen and the mailbox the draft found. */
  readonly senderHint = computed(() => {
    const via = this.draft()?.from.via;
    const other = this.behalfOf();
    if (!other) return via === 'user' ? 'Goes out through your own mailbox.' : 'Goes out through the company account; replies come to you.';
    return via === 'user'
      ? `Goes out through ${other.name}'s own mailbox; the log records you both.`
      : `${other.name} has no mailbox of their own: it goes out through the company account, replies go to ${other.name}, and the log records you both.`;
  });

  /** Draft loads started; only the latest one's answer is shown. */
  private loads = 0;
  readonly mayRetry = mayRetry;

  /** One key per intended message: a retry after a lost connection cannot send twice. */
  private idempotencyKey = crypto.randomUUID();

  constructor() {
    void this.load();
    this.dialogRef.backdropClick().subscribe(() => this.requestClose());
    this.dialogRef.keydownEvents().subscribe((event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.requestClose();
      }
    });
    this.form.valueChanges.subscribe(() => {
      if (this.form.dirty) this.noteChange();
    });
    if (this.canSendOnBehalf()) {
      this.users.directory().subscribe({ next: (users) => this.senders.set(users), error: () => undefined });
      // Another sender means another mailbox, signature, usage and template text: the draft follows.
      this.form.controls.onBehalfOfUserId.valueChanges.subscribe(() => void this.load());
    }
  }

  /** For an admin on someone else's document, its owner; else oneself (''). */
  private defaultSender(): string {
    const owner = this.data.owner;
    return this.auth.isAdmin() && owner && owner.id !== this.auth.user()?.id ? owner.id : '';
  }

  /** Loads the draft as the chosen sender; on a reload the recipients and any text the user changed stay. */
  async load(): Promise<void> {
    const first = !this.draft();
    const attempt = ++this.loads;
    this.loadError.set(null);
    this.reloading.set(!first);
    try {
      const draft = await firstValueFrom(this.api.draft(this.data.type, this.data.id, this.form.controls.onBehalfOfUserId.value || undefined));
      if (attempt !== this.loads) return; // the sender changed again meanwhile: the later draft wins
      this.draft.set(draft);
      if (first) {
        this.form.patchValue({ selected: draft.recipients.filter((r) => r.preselected).map((r) => r.email) });
        if (draft.saved) this.restore(draft.saved);
        afterNextRender(() => this.focusFirstField(), { injector: this.injector });
      }
      if (!this.form.controls.subject.dirty) this.form.controls.subject.setValue(draft.subject);
      if (!this.form.controls.body.dirty) this.form.controls.body.setValue(draft.body);
    } catch (error) {
      if (attempt === this.loads) this.loadError.set(toApiError(error));
    } finally {
      if (attempt === this.loads) this.reloading.set(false);
    }
  }

  /** Once the draft is on screen, keyboard users start at its first field, whatever was tabbable while it loaded. */
  private focusFirstField(): void {
    this.host.nativeElement.querySelector<HTMLElement>('form :is(input, textarea, [role=combobox]):not([disabled])')?.focus();
  }

  toggle(email: string, checked: boolean): void {
    const current = this.form.controls.selected.value;
    this.form.controls.selected.setValue(checked ? [...current, email] : current.filter((value) => value !== email));
  }

  add(list: ListName, event: MatChipInputEvent): void {
    this.addTyped(list, event.value, event.chipInput.inputElement);
  }

  /** A pasted list ("a@x.example, b@x.example" or one per line) becomes one chip per address. */
  paste(list: ListName, event: ClipboardEvent): void {
    const input = event.target as HTMLInputElement;
    event.preventDefault();
    this.addTyped(list, `${input.value} ${event.clipboardData?.getData('text') ?? ''}`, input);
  }

  /** Adds every address in `text` (split on commas, semicolons, spaces and new lines); what is not one stays in `input`. */
  private addTyped(list: ListName, text: string, input: HTMLInputElement): void {
    const entries = text.split(/[\s,;]+/).filter(Boolean);
    const invalid = entries.filter((entry) => !EMAIL.test(entry));
    const valid = entries.filter((entry) => EMAIL.test(entry));
    if (valid.length) {
      this.noteChange();
      this.lists[list].update((values) => [...values, ...valid.filter((value, index) => !values.includes(value) && valid.indexOf(value) === index)]);
    }
    this.invalidEntry.set(
      invalid.length
        ? `${invalid.map((entry) => `"${entry}"`).join(', ')} ${invalid.length === 1 ? 'is not an email address' : 'are not email addresses'}`
        : null,
    );
    input.value = invalid.join(', ');
  }

  remove(list: ListName, value: string): void {
    this.lists[list].update((values) => values.filter((entry) => entry !== value));
    this.noteChange();
  }

  /** Brings back the unsent message kept on the server: text and recipients as they were. */
  private restore(saved: SavedEmailDraft): void {
    this.form.patchValue({ subject: saved.subject, body: saved.body, selected: saved.selected });
    this.form.controls.subject.markAsDirty();
    this.form.controls.body.markAsDirty();
    this.lists.extra.set(saved.extra);
    this.lists.cc.set(saved.cc);
    this.lists.bcc.set(saved.bcc);
    if (saved.cc.length || saved.bcc.length) this.showCopies.set(true);
    this.restoredFrom.set(saved.updatedAt);
    this.savedAt.set(saved.updatedAt);
  }

  /** Drops the kept message and starts again from the template. */
  async startAgain(): Promise<void> {
    await firstValueFrom(this.api.discardDraft(this.data.type, this.data.id)).catch(() => undefined);
    const draft = this.draft();
    if (draft) {
      this.form.reset({
        ...this.form.getRawValue(),
        subject: draft.subject,
        body: draft.body,
        selected: draft.recipients.filter((r) => r.preselected).map((r) => r.email),
      });
    }
    for (const list of Object.values(this.lists)) list.set([]);
    this.restoredFrom.set(null);
    this.savedAt.set(null);
    this.changed.set(false);
  }

  /** A change by the user: the message is kept on the server a moment after typing stops. */
  private noteChange(): void {
    this.changed.set(true);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.keep(), 800);
  }

  /** Keeps the message as it stands on the server (once the draft it started from is there). */
  private keep(): Promise<void> {
    clearTimeout(this.saveTimer);
    if (!this.draft() || !this.changed()) return Promise.resolve();
    const { subject, body, selected, onBehalfOfUserId } = this.form.getRawValue();
    const request = {
      subject,
      body,
      selected,
      extra: this.lists.extra(),
      cc: this.lists.cc(),
      bcc: this.lists.bcc(),
      onBehalfOfUserId: onBehalfOfUserId || null,
    };
    this.saving = firstValueFrom(this.api.saveDraft(this.data.type, this.data.id, request)).then(
      (saved) => this.savedAt.set(saved.updatedAt),
      () => undefined, // kept on the next change; closing asks again
    );
    return this.saving;
  }

  /** Escape, a click outside or Cancel: closes at once when nothing was changed, else asks whether to keep it. */
  requestClose(): void {
    if (this.sending()) return;
    if (!this.changed()) {
      this.dialogRef.close();
      return;
    }
    this.askingToClose.set(true);
  }

  async keepAndClose(): Promise<void> {
    await this.keep();
    this.dialogRef.close();
  }

  async discardAndClose(): Promise<void> {
    clearTimeout(this.saveTimer);
    await this.saving;
    await firstValueFrom(this.api.discardDraft(this.data.type, this.data.id)).catch(() => undefined);
    this.dialogRef.close();
  }

  /** Sent or scheduled: the kept message is done with. */
  private forgetKept(): void {
    clearTimeout(this.saveTimer);
    if (this.savedAt() || this.changed()) this.api.discardDraft(this.data.type, this.data.id).subscribe({ error: () => undefined });
  }

  /** `pendingSends`: what to do with a send of this document still scheduled (the dialog asks when there is one). */
  async send(pendingSends?: PendingSendChoice): Promise<void> {
    if (this.sending()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.toCount() || this.recipientCount() > MAX_RECIPIENTS) return;
    if (!pendingSends && this.draft()?.pendingSends.length) return; // Enter in a field: the two buttons ask first
    const { selected, subject, body, attachPdf, onBehalfOfUserId, later, laterDate, laterTime } = this.form.getRawValue();
    const request: SendEmailRequest = {
      recipients: [...selected, ...this.lists.extra()],
      ...(this.lists.cc().length ? { cc: this.lists.cc() } : {}),
      ...(this.lists.bcc().length ? { bcc: this.lists.bcc() } : {}),
      subject,
      body,
      attachPdf,
      ...(onBehalfOfUserId ? { onBehalfOfUserId } : {}),
      ...(pendingSends ? { pendingSends } : {}),
    };
    this.sending.set(true);
    this.sendError.set(null);
    if (later) return this.schedule(request, `${laterDate}T${laterTime}`);
    try {
      const result = await firstValueFrom(this.api.send(this.data.type, this.data.id, request, this.idempotencyKey));
      const copy = result.sentCopy.status === 'pending' ? ' A copy is being saved to the Sent folder.' : '';
      this.snackBar.open(`${this.data.number} sent to ${result.accepted.join(', ')}.${copy}`, 'OK', { duration: 5000 });
      this.forgetKept();
      this.dialogRef.close(result);
    } catch (error) {
      const { code, message, details } = toApiError(error);
      this.sendError.set({ code, message });
      this.showPending(code, details);
      // The dialog scrolls; bring the error into view where the user is looking for the result.
      setTimeout(() => this.host.nativeElement.querySelector('[data-testid=send-error]')?.scrollIntoView({ block: 'nearest' }));
      // A known failure means nothing went out: a new attempt is a new message. When the outcome is open (the
      // connection broke after the hand-over, the send is still running, or the answer never came), the key is
      // kept, so pressing Send again replays the recorded outcome instead of sending a second copy.
      if (!OUTCOME_OPEN.has(code)) this.idempotencyKey = crypto.randomUUID();
    } finally {
      this.sending.set(false);
    }
  }

  /** Send later: nothing goes out now, so a refusal needs no new key. */
  private async schedule(request: SendEmailRequest, sendAt: string): Promise<void> {
    try {
      const scheduled = await firstValueFrom(this.outbox.schedule(this.data.type, this.data.id, { ...request, sendAt, timeZone: this.timeZone() }));
      this.snackBar.open(`${this.data.number} will be sent ${formatInTimeZone(scheduled.sendAt, scheduled.timeZone)} (${scheduled.timeZone}).`, 'OK', {
        duration: 6000,
      });
      this.forgetKept();
      this.dialogRef.close(scheduled);
    } catch (error) {
      const problem = toApiError(error);
      this.sendError.set(problem);
      this.showPending(problem.code, problem.details);
      setTimeout(() => this.host.nativeElement.querySelector('[data-testid=send-error]')?.scrollIntoView({ block: 'nearest' }));
    } finally {
      this.sending.set(false);
    }
  }

  /** A send of this document was scheduled meanwhile (elsewhere): the dialog now shows it and asks. */
  private showPending(code: string, details: unknown): void {
    const pending = (details as { pending?: PendingSendSummary[] } | undefined)?.pending;
    if (code === ErrorCode.SCHEDULED_SEND_PENDING && pending) this.draft.update((draft) => draft && { ...draft, pendingSends: pending });
  }

  /** A time as the viewer reads it, in their own zone (named beside it). */
  when(instant: string): string {
    return formatInTimeZone(instant, this.timeZone());
  }

  isOutcomeUnknown(code: string): boolean {
    return code === ErrorCode.SEND_OUTCOME_UNKNOWN;
  }

  /** After checking the Sent folder: a deliberate second copy, under a new key. */
  async sendNewCopy(): Promise<void> {
    this.idempotencyKey = crypto.randomUUID();
    await this.send();
  }

  isMailboxProblem(code: string): boolean {
    return MAILBOX_PROBLEMS.has(code);
  }

  openMailSettings(): void {
    void this.keep();
    this.dialogRef.close();
    void this.router.navigate(['/settings/mailbox']);
  }
}
