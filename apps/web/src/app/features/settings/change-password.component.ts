import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PASSWORD_MIN_LENGTH } from '@sendas/contracts';
import { AuthService } from '../../core/auth.service';
import { repeatedPassword } from '../../shared/repeated-password';
import { applyServerErrors } from '../../shared/server-errors';

/** My profile > Password: the current password and a new one; every other session is signed out. */
@Component({
  selector: 'app-change-password',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule],
  templateUrl: './change-password.component.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 420px;
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
      font-size: 13px;
    }
    .mismatch {
      color: var(--mat-sys-error);
    }
    h2 {
      font-size: 18px;
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordComponent {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);
  readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      repeat: ['', Validators.required],
    },
    { validators: repeatedPassword },
  );

  async change(): Promise<void> {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.auth.changePassword({ currentPassword, newPassword });
      this.formDirective().resetForm();
      this.snackBar.open('Password changed: you were signed out everywhere else', 'OK', { duration: 5000 });
    } catch (error) {
      const message = applyServerErrors(this.form, error);
      if (!this.form.controls.currentPassword.hasError('server')) this.error.set(message);
    } finally {
      this.saving.set(false);
    }
  }
}
