import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AuthCardComponent } from './auth-card.component';

/** "Forgot password?": asks for a one-time link by mail; the answer never tells whether the email is an account. */
@Component({
  selector: 'app-forgot-password',
  imports: [AuthCardComponent, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule],
  template: `
    <app-auth-card icon="lock_reset" heading="Forgot your password?" subtitle="We mail you a link to choose a new one">
      @if (sentTo(); as sent) {
        <div class="info-banner" role="status" data-testid="reset-link-sent">
          <mat-icon aria-hidden="true">mark_email_read</mat-icon>
          <span>
            If <strong>{{ sent.email }}</strong> belongs to a Sendas account, a link is on its way. It works once, for {{ sent.minutes }} minutes. Nothing after
            a few minutes? Look in the spam folder, or ask again.
          </span>
        </div>
        <p class="links"><a mat-button routerLink="/login">Back to sign in</a></p>
      } @else {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          @if (error(); as message) {
            <div class="error-banner" role="alert" data-testid="reset-error">
              <mat-icon aria-hidden="true">error</mat-icon><span>{{ message }}</span>
            </div>
          }
          <mat-form-field appearance="outline">
            <mat-label>Email of your account</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" required />
            @if (form.controls.email.hasError('email')) {
              <mat-error>Enter a valid email address</mat-error>
            } @else if (form.controls.email.hasError('required')) {
              <mat-error>Email is required</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="submitting()">
            @if (submitting()) {
              <mat-spinner diameter="20" aria-label="Sending the link" />
            } @else {
              Mail me a link
            }
          </button>
          <p class="links"><a mat-button routerLink="/login">Back to sign in</a></p>
        </form>
      }
    </app-auth-card>
  `,
  styleUrl: './auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordComponent implements OnInit {
  private readonly auth = inject(AuthService);

  /** Bound from the query string: what was typed on the sign-in page. */
  readonly email = input<string>();
  readonly form = inject(NonNullableFormBuilder).group({ email: ['', [Validators.required, Validators.email]] });
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);
  readonly sentTo = signal<{ email: string; minutes: number } | null>(null);

  ngOnInit(): void {
    const email = this.email();
    if (email) this.form.controls.email.setValue(email);
  }

  async submit(): Promise<void> {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      const { email } = this.form.getRawValue();
      const { linkValidMinutes } = await this.auth.requestPasswordReset(email);
      this.sentTo.set({ email, minutes: linkValidMinutes });
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.submitting.set(false);
    }
  }
}
