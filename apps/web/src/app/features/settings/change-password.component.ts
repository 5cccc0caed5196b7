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
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>Password</h2>
        <form [formGroup]="form" (ngSubmit)="change()" novalidate data-testid="change-password">
          @if (error(); as message) {
            <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div>
          }
          <mat-form-field appearance="outline">
            <mat-label>Current password</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
            @if (form.controls.currentPassword.hasError('server')) {
              <mat-error>{{ form.controls.currentPassword.getError('server') }}</mat-error>
            } @else if (form.controls.currentPassword.hasError('required')) {
              <mat-error>Enter your current password</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters; a few words are easier to remember than symbols</mat-hint>
            @if (form.controls.newPassword.invalid) { <mat-error>At least {{ minLength }} characters</mat-error> }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password again</mat-label>
            <input matInput type="password" formControlName="repeat" autocomplete="new-password" required />
            @if (form.hasError('mismatch')) { <mat-hint class="mismatch">The two new passwords differ</mat-hint> }
          </mat-form-field>
          <p class="note">Changing it signs you out everywhere else and stops your API keys.</p>
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="saving()">
              @if (saving()) { <mat-spinner diameter="20" aria-label="Changing the password" /> } @else { Change password }
            </button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 8px; max-width: 420px; }
    .note { color: var(--mat-sys-on-surface-variant); font-size: 13px; }
    .mismatch { color: var(--mat-sys-error); }
    h2 { font-size: 18px; margin: 0 0 12px; }
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
