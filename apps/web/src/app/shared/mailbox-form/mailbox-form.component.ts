import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, firstValueFrom, map, of } from 'rxjs';
import {
  CUSTOM_DAILY_LIMIT,
  CUSTOM_SENDS_PER_MINUTE,
  ErrorCode,
  MAX_SENDS_PER_MINUTE,
  IMAP_PRESETS,
  MAILBOX_KIND_LABELS,
  OAUTH_PROVIDER_LABELS,
  type OAuthProvider,
  PROVIDER_SENT_COPY,
  SMTP_PRESETS,
  type MailboxDto,
  type MailboxRequest,
  type SmtpProvider,
  type SmtpSecurity,
  type SmtpVerifyResult,
} from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { DevMailboxApi } from '../../core/api/dev-mailbox-api';
import { MailboxesApi, type MailboxOwner } from '../../core/api/mailboxes-api';
import { StatusChipComponent } from '../status-chip.component';
import { LocalTimePipe } from '../local-time.pipe';

/**
 * A mailbox's settings, for oneself (`userId` unset) or, for superusers, anyone: an app password (write-only: the
 * form shows that one is saved and offers to replace it, never what it is), or "Connect with Google / Microsoft",
 * which only the owner can do (a superuser copies a link for them instead).
 */
@Component({
  selector: 'app-mailbox-form',
  imports: [
    LocalTimePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    StatusChipComponent,
  ],
  templateUrl: './mailbox-form.component.html',
  styleUrl: './mailbox-form.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxFormComponent {
  private readonly api = inject(MailboxesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);

  /** Whose mailbox; unset means the signed-in user's own. */
  readonly userId = input<string>();
  /** Prefills the sender address of a new mailbox. */
  readonly defaultEmail = input<string>('');
  /** A superuser's connect link for the signed-in user (from its `invite` parameter). */
  readonly invite = input<string>();
  readonly changed = output<void>();

  readonly kindLabels = MAILBOX_KIND_LABELS;
  readonly providerLabels = OAUTH_PROVIDER_LABELS;
  readonly maxSendsPerMinute = MAX_SENDS_PER_MINUTE;
  /** "Connect with ..." buttons: the providers this server has settings for. */
  readonly providers = toSignal(this.api.providers().pipe(catchError(() => of([] as OAuthProvider[]))), { initialValue: [] as OAuthProvider[] });
  readonly connectLink = signal<{ provider: OAuthProvider; url: string; expiresAt: string } | null>(null);
  /** The owner switches a connected mailbox to an app password. */
  readonly usePassword = signal(false);

  readonly owner = computed<MailboxOwner>(() => {
    const userId = this.userId();
    return userId ? { userId } : 'me';
  });
  readonly stored = signal<MailboxDto | null>(null);
  readonly loading = signal(true);
  readonly busy = signal<'save' | 'test' | 'remove' | 'connect' | null>(null);
  readonly changingPassword = signal(true);
  readonly confirmRemove = signal(false);
  readonly testResult = signal<SmtpVerifyResult | null>(null);
  readonly error = signal<string | null>(null);

  readonly form = inject(NonNullableFormBuilder).group({
    provider: ['gmail' as SmtpProvider, Validators.required],
    fromEmail: ['', [Validators.required, Validators.email]],
    fromName: [''],
    username: [''],
    password: [''],
    host: [''],
    port: [587, [Validators.min(1), Validators.max(65535)]],
    security: ['starttls' as SmtpSecurity],
    allowSelfSignedCertificate: [false],
    dailyLimit: [500, [Validators.min(1), Validators.max(100000)]],
    sendsPerMinute: [SMTP_PRESETS.gmail.sendsPerMinute, [Validators.min(0), Validators.max(MAX_SENDS_PER_MINUTE)]],
    saveSentCopy: [false],
    imapHost: [''],
    imapPort: [993, [Validators.min(1), Validators.max(65535)]],
    imapSecurity: ['tls' as SmtpSecurity],
    imapUsername: [''],
    sentFolder: [''],
  });
  readonly saveSentCopy = toSignal(this.form.controls.saveSentCopy.valueChanges, { initialValue: false });
  private readonly imapHost = toSignal(this.form.controls.imapHost.valueChanges, { initialValue: '' });
  /** What happens to the copy in the Sent folder with the settings as they stand in the form. */
  readonly sentCopyStatement = computed(() => {
    const provider = this.oauthMode() ? this.stored()!.provider : this.provider();
    const { keepsOwnCopy, statement } = PROVIDER_SENT_COPY[provider];
    if (!this.saveSentCopy()) {
      return keepsOwnCopy ? statement : `${statement} Turn on "Save a copy to Sent" to have one, or the email log in Sendas is the only record.`;
    }
    const server = provider === 'custom' ? this.imapHost().trim() || 'your IMAP server' : IMAP_PRESETS[provider].host;
    return keepsOwnCopy
      ? `${statement} Sendas saving one too over IMAP (${server}) may show the message twice.`
      : `After each send, Sendas saves the exact message to your Sent folder on ${server} over IMAP, with the same password.`;
  });
  readonly provider = toSignal(this.form.controls.provider.valueChanges, { initialValue: 'gmail' as SmtpProvider });
  readonly isCustom = computed(() => this.provider() === 'custom');
  /** Development only: where the dev mail catcher listens (null with a real mail server). */
  readonly devCatcher = toSignal(
    inject(DevMailboxApi)
      .health()
      .pipe(
        map((health) => health.mail.devCatcher ?? null),
        catchError(() => of(null)),
      ),
    { initialValue: null },
  );
  private readonly host = toSignal(this.form.controls.host.valueChanges, { initialValue: '' });
  /** The form points at the dev mail catcher. */
  readonly onDevCatcher = computed(() => {
    const catcher = this.devCatcher();
    return !!catcher && this.isCustom() && this.host() === catcher.host;
  });
  readonly isOwn = computed(() => this.owner() === 'me');
  /** The provider a stored mailbox is connected with (null for app passwords). */
  readonly connectedWith = computed<OAuthProvider | null>(() => {
    const kind = this.stored()?.kind;
    return kind && kind !== 'app_password' ? kind : null;
  });
  /** Connected and not being switched to an app password: no server or password fields. */
  readonly oauthMode = computed(() => this.connectedWith() !== null && !this.usePassword());
  /** A connected Microsoft mailbox may only send (its consent has no IMAP scope), and Microsoft 365 keeps its own copy. */
  readonly canSaveSentCopy = computed(() => !(this.oauthMode() && this.connectedWith() === 'microsoft'));

  constructor() {
    effect(() => void this.load(this.owner()));
    // a new mailbox in development starts on the dev mail catcher, the one server that works without a network
    effect(() => {
      if (this.devCatcher() && !this.loading() && !this.stored() && this.form.pristine) this.useDevCatcher(false);
    });
    this.form.controls.provider.valueChanges.subscribe((provider) => {
      this.form.patchValue(
        provider === 'custom'
          ? { dailyLimit: CUSTOM_DAILY_LIMIT, sendsPerMinute: CUSTOM_SENDS_PER_MINUTE }
          : { dailyLimit: SMTP_PRESETS[provider].dailyLimit, sendsPerMinute: SMTP_PRESETS[provider].sendsPerMinute },
        { emitEvent: false },
      );
      // Off until asked for: Gmail and Microsoft 365 keep their own copy; another server needs its IMAP server first.
      this.form.controls.saveSentCopy.setValue(false);
    });
  }

  async load(owner: MailboxOwner): Promise<void> {
    this.loading.set(true);
    try {
      this.applyStored(await firstValueFrom(this.api.get(owner)));
    } catch (error) {
      const { code, message } = toApiError(error);
      if (code !== ErrorCode.SMTP_NOT_CONFIGURED) this.error.set(message);
      this.stored.set(null);
      this.changingPassword.set(true);
      this.form.reset({
        provider: 'gmail',
        fromEmail: this.defaultEmail(),
        port: 587,
        security: 'starttls',
        dailyLimit: 500,
        sendsPerMinute: SMTP_PRESETS.gmail.sendsPerMinute,
        saveSentCopy: false,
        imapPort: 993,
        imapSecurity: 'tls',
      });
    } finally {
      this.loading.set(false);
    }
  }

  async save(): Promise<void> {
    if (!this.valid()) return;
    await this.run('save', async () => {
      this.applyStored(await firstValueFrom(this.api.save(this.owner(), this.request())));
      this.snackBar.open('Mailbox saved. Test the connection to be sure it works.', 'OK', { duration: 4000 });
      this.changed.emit();
    });
  }

  async test(): Promise<void> {
    if (!this.valid()) return;
    await this.run('test', async () => {
      this.testResult.set(await firstValueFrom(this.api.verify(this.owner(), this.request())));
    });
  }

  /** Sends the owner to the provider's consent page; they come back to /mailbox/oauth. */
  async connect(provider: OAuthProvider): Promise<void> {
    await this.run('connect', async () => {
      const url = await firstValueFrom(this.api.startConnect(provider, this.invite()));
      window.location.assign(url);
    });
  }

  /** A superuser cannot consent for someone: they copy a link that the owner opens signed in as themselves. */
  async copyConnectLink(provider: OAuthProvider): Promise<void> {
    const userId = this.userId();
    if (!userId) return;
    await this.run('connect', async () => {
      const link = await firstValueFrom(this.api.connectLink(userId, provider));
      this.connectLink.set({ provider, ...link });
      const copied = this.clipboard.copy(link.url);
      this.snackBar.open(copied ? 'Link copied: send it to the mailbox owner' : 'Copy the link below and send it to the mailbox owner', 'OK', {
        duration: 5000,
      });
    });
  }

  async remove(): Promise<void> {
    await this.run('remove', async () => {
      await firstValueFrom(this.api.remove(this.owner()));
      this.confirmRemove.set(false);
      this.snackBar.open('Mailbox removed: mail goes out through the company account again.', 'OK', { duration: 4000 });
      await this.load(this.owner());
      this.changed.emit();
    });
  }

  private valid(): boolean {
    if (this.oauthMode()) return ['fromName', 'dailyLimit', 'sendsPerMinute', 'sentFolder'].every((name) => this.form.get(name)!.valid);
    this.form.markAllAsTouched();
    const needsPassword = !this.stored() && !this.form.controls.password.value;
    if (needsPassword) this.form.controls.password.setErrors({ required: true });
    if (this.isCustom() && !this.form.controls.host.value.trim()) this.form.controls.host.setErrors({ required: true });
    if (this.isCustom() && this.saveSentCopy() && !this.form.controls.imapHost.value.trim()) this.form.controls.imapHost.setErrors({ required: true });
    return this.form.valid && !needsPassword;
  }

  private async run(kind: 'save' | 'test' | 'remove' | 'connect', action: () => Promise<void>): Promise<void> {
    this.busy.set(kind);
    this.error.set(null);
    if (kind !== 'test') this.testResult.set(null);
    try {
      await action();
    } catch (error) {
      const apiError = toApiError(error);
      this.error.set(apiError.message);
      // The stored password only works with the server it was saved for: ask for it right here.
      if (apiError.code === ErrorCode.SMTP_PASSWORD_REQUIRED) {
        this.changingPassword.set(true);
        this.form.controls.password.setErrors({ required: true });
        this.form.controls.password.markAsTouched();
      }
    } finally {
      this.busy.set(null);
    }
  }

  /** Fills in the dev mail catcher's settings: its loopback address, no TLS, no Sent copy. */
  useDevCatcher(asChange = true): void {
    const catcher = this.devCatcher();
    if (!catcher) return;
    this.form.patchValue({ provider: 'custom' });
    this.form.patchValue({ host: catcher.host, port: catcher.port, security: 'none', allowSelfSignedCertificate: false, saveSentCopy: false });
    if (asChange) this.form.markAsDirty();
  }

  private request(): MailboxRequest {
    const value = this.form.getRawValue();
    // A connected mailbox keeps its server and account: only its name and limit are edited here.
    const sentCopy = { saveSentCopy: value.saveSentCopy, sentFolder: value.sentFolder.trim() || null };
    if (this.oauthMode()) {
      return {
        provider: this.stored()!.provider,
        ...(value.fromName.trim() ? { fromName: value.fromName.trim() } : {}),
        dailyLimit: value.dailyLimit,
        sendsPerMinute: value.sendsPerMinute,
        ...sentCopy,
      };
    }
    return {
      ...sentCopy,
      ...(value.imapUsername.trim() ? { imapUsername: value.imapUsername.trim() } : {}),
      ...(value.provider === 'custom' && value.saveSentCopy
        ? { imapHost: value.imapHost.trim(), imapPort: value.imapPort, imapSecurity: value.imapSecurity }
        : {}),
      provider: value.provider,
      fromEmail: value.fromEmail.trim(),
      ...(value.fromName.trim() ? { fromName: value.fromName.trim() } : {}),
      ...(value.username.trim() ? { username: value.username.trim() } : {}),
      ...(this.changingPassword() && value.password ? { password: value.password } : {}),
      ...(value.provider === 'custom'
        ? { host: value.host.trim(), port: value.port, security: value.security, allowSelfSignedCertificate: value.allowSelfSignedCertificate }
        : {}),
      dailyLimit: value.dailyLimit,
      sendsPerMinute: value.sendsPerMinute,
    };
  }

  private applyStored(stored: MailboxDto): void {
    this.stored.set(stored);
    this.usePassword.set(false);
    this.changingPassword.set(stored.kind !== 'app_password');
    this.form.reset({
      provider: stored.provider,
      fromEmail: stored.fromEmail,
      fromName: stored.fromName,
      username: stored.username === stored.fromEmail ? '' : stored.username,
      password: '',
      host: stored.host,
      port: stored.port,
      security: stored.security,
      allowSelfSignedCertificate: stored.allowSelfSignedCertificate,
      dailyLimit: stored.dailyLimit,
      sendsPerMinute: stored.sendsPerMinute,
      saveSentCopy: stored.saveSentCopy,
      imapHost: stored.provider === 'custom' ? (stored.imapHost ?? '') : '',
      imapPort: stored.imapPort ?? 993,
      imapSecurity: stored.imapSecurity ?? 'tls',
      imapUsername: stored.imapUsername && stored.imapUsername !== stored.username ? stored.imapUsername : '',
      sentFolder: stored.sentFolder ?? '',
    });
  }
}
