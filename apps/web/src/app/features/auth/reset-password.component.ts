import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ErrorCode, PASSWORD_MIN_LENGTH } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { repeatedPassword } from '../../shared/repeated-password';
import { applyServerErrors } from '../../shared/server-errors';
import { AuthCardComponent } from './auth-card.component';

/** The page a reset mail links to: the token is in the fragment (`#token=...`), which never reaches a server log. */
@Component({
  selector: 'app-reset-password',
  imports: [AuthCardComponent, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule],
  templateUrl: './reset-password.component.html',
  styleUrl: './auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);

  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly token = computed(() => new URLSearchParams(this.fragment() ?? '').get('token'));
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);
  readonly linkInvalid = signal(false);
  readonly form = inject(NonNullableFormBuilder).group(
    {
      newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
      repeat: ['', Validators.required],
    },
    { validators: repeatedPassword },
  );

  async submit(): Promise<void> {
    const token = this.token();
    if (!token || this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.auth.resetPassword({ token, newPassword: this.form.getRawValue().newPassword });
      await this.router.navigateByUrl('/login');
    } catch (error) {
      this.linkInvalid.set(toApiError(error).code === ErrorCode.PASSWORD_RESET_LINK_INVALID);
      this.error.set(applyServerErrors(this.form, error));
    } finally {
      this.submitting.set(false);
    }
  }
}
