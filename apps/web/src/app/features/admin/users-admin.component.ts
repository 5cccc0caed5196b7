import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { MAILBOX_KIND_LABELS, PASSWORD_MIN_LENGTH, ROLES, type Role, type MailboxSummary, type UserDto } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog.component';
import { StatusChipComponent } from '../../shared/status-chip.component';
import { MailboxFormComponent } from '../../shared/mailbox-form/mailbox-form.component';
import { MailboxesApi } from '../../core/api/mailboxes-api';
import { UsersApi } from '../../core/api/users-api';
import { TableSkeletonComponent } from '../../shared/table-skeleton.component';

/** Admin > Users & mailboxes (superusers): accounts, roles, and everyone's mailbox settings. */
const ROLE_WITH_ARTICLE: Record<Role, string> = { superuser: 'a superuser', admin: 'an admin', sales: 'a salesperson', finance: 'finance' };

/** What a role lets a person do, said before it is given. */
const ROLE_MEANING: Record<Role, string> = {
  superuser: 'A superuser manages everyone: users, roles, mailboxes, API keys and templates, and sees every document.',
  admin: "An admin sees and sends every document, on anyone's behalf, and reads the email log.",
  sales: 'A salesperson sees and sends the documents of the companies they manage.',
  finance: 'Finance reads every company and document, and creates invoices.',
};

@Component({
  selector: 'app-users-admin',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTableModule,
    MailboxFormComponent,
    StatusChipComponent,
    TableSkeletonComponent,
  ],
  templateUrl: './users-admin.component.html',
  styleUrl: './users-admin.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersAdminComponent {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  /** The superuser at the keyboard: their own role and Active switch are not theirs to change. */
  readonly me = inject(AuthService).user;
  private readonly mailboxesApi = inject(MailboxesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly roles = ROLES;
  readonly columns = ['name', 'email', 'role', 'active', 'mailbox', 'actions'];
  readonly users = signal<UserDto[]>([]);
  readonly loaded = signal(false);
  readonly mailboxes = signal<MailboxSummary[]>([]);
  /** Each user's mailbox by user id (users without one have none). */
  readonly mailboxOf = computed(() => new Map(this.mailboxes().map((mailbox) => [mailbox.userId, mailbox])));
  readonly kindLabels = MAILBOX_KIND_LABELS;
  readonly editing = signal<UserDto | null>(null);
  readonly creating = signal(false);
  readonly error = signal<string | null>(null);
  readonly newUser = this.fb.group({
    name: ['', Validators.required],
    email: ['', [Validators.required, Validators.email]],
    role: ['sales' as Role, Validators.required],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  readonly minPassword = PASSWORD_MIN_LENGTH;
  readonly resetting = signal<UserDto | null>(null);
  readonly saving = signal(false);
  readonly reset = this.fb.group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const [users, mailboxes] = await Promise.all([firstValueFrom(this.api.list()), firstValueFrom(this.mailboxesApi.summaries())]);
      this.users.set(users);
      this.mailboxes.set(mailboxes);
      this.loaded.set(true);
    } catch (error) {
      this.error.set(toApiError(error).message);
    }
  }

  async create(): Promise<void> {
    if (this.newUser.invalid) return this.newUser.markAllAsTouched();
    try {
      await firstValueFrom(this.api.create(this.newUser.getRawValue()));
      this.snackBar.open('User created', 'OK', { duration: 3000 });
      this.newUser.reset({ role: 'sales' });
      this.creating.set(false);
      await this.load();
    } catch (error) {
      this.error.set(toApiError(error).message);
    }
  }

  /** One panel at a time: the mailbox or the password. */
  editMailbox(user: UserDto): void {
    this.resetting.set(null);
    this.editing.set(user);
  }

  startReset(user: UserDto): void {
    this.editing.set(null);
    this.reset.reset();
    this.resetting.set(user);
  }

  /** A new password signs the user out of every session (the API raises their session version). */
  async resetPassword(user: UserDto): Promise<void> {
    if (this.reset.invalid) return this.reset.markAllAsTouched();
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.update(user.id, { password: this.reset.getRawValue().password }));
      this.snackBar.open(`Password of ${user.name} reset; they were signed out everywhere`, 'OK', { duration: 5000 });
      this.resetting.set(null);
    } catch (error) {
      this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 });
    } finally {
      this.saving.set(false);
    }
  }

  /** A role changes what a person may do (superuser: everything), so it is asked first. */
  changeRole(user: UserDto, role: Role): Promise<void> {
    return this.updateIfConfirmed(
      user,
      { role },
      { title: `Make ${user.name} ${ROLE_WITH_ARTICLE[role]}?`, message: ROLE_MEANING[role], confirm: `Make ${role}` },
    );
  }

  /** Deactivating signs a person out everywhere and stops their API keys: asked first (activating is not). */
  setActive(user: UserDto, active: boolean): Promise<void> {
    if (active) return this.update(user, { active });
    return this.updateIfConfirmed(
      user,
      { active },
      {
        title: `Deactivate ${user.name}?`,
        message: `${user.name} is signed out everywhere, their API keys stop working, and they cannot sign in until a superuser activates them again.`,
        confirm: 'Deactivate',
      },
    );
  }

  /** Asks `question`; confirmed, the change is saved, else the list is read again so the control shows what is stored. */
  private async updateIfConfirmed(user: UserDto, changes: Partial<Pick<UserDto, 'role' | 'active'>>, question: ConfirmDialogData): Promise<void> {
    if (await firstValueFrom(ConfirmDialogComponent.ask(this.dialog, question))) return this.update(user, changes);
    await this.load();
  }

  async update(user: UserDto, changes: Partial<Pick<UserDto, 'role' | 'active'>>): Promise<void> {
    try {
      await firstValueFrom(this.api.update(user.id, changes));
      this.snackBar.open(`${user.name} updated`, 'OK', { duration: 3000 });
    } catch (error) {
      this.snackBar.open(toApiError(error).message, 'OK', { duration: 6000 });
    }
    await this.load();
  }
}
