import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SIGNATURE_MAX_LENGTH } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { TimeZoneFieldComponent } from '../../shared/time-zone-field.component';
import { deviceTimeZone } from '../../shared/time-zones';
import { ChangePasswordComponent } from './change-password.component';

@Component({
  selector: 'app-profile',
  imports: [
    ChangePasswordComponent,
    TimeZoneFieldComponent,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
  ],
  templateUrl: './profile.component.html',
  styleUrl: './profile.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileComponent {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);

  readonly user = this.auth.user;
  readonly signatureMax = SIGNATURE_MAX_LENGTH;
  readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    signature: ['', Validators.maxLength(SIGNATURE_MAX_LENGTH)],
    timeZone: ['UTC', Validators.required],
    phone: ['', [Validators.maxLength(40), Validators.pattern(/^[+0-9 ()./-]*$/)]],
  });
  readonly deviceTimeZone = deviceTimeZone();
  /** The signature as typed, for the counter and the preview. */
  readonly signature = toSignal(this.form.controls.signature.valueChanges, { initialValue: '' });
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const user = this.user();
      if (user) this.form.reset({ name: user.name, signature: user.signature, timeZone: user.timeZone, phone: user.phone });
    });
  }

  async save(): Promise<void> {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await this.auth.updateProfile(this.form.getRawValue());
      this.snackBar.open('Profile saved', 'OK', { duration: 3000 });
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
