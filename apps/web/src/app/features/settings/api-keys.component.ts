import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { API_KEY_NAME_MAX_LENGTH, type ApiKeyDto, type CreatedApiKeyDto, MAX_API_KEYS_PER_USER } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { ApiKeysApi } from '../../core/api/api-keys-api';
import { AuthService } from '../../core/auth.service';
import { LocalTimePipe } from '../../shared/local-time.pipe';

/** Settings > API keys: keys for scripts and other systems, each with its owner's permissions; superusers see everyone's. */
@Component({
  selector: 'app-api-keys',
  imports: [
    LocalTimePipe,
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatTableModule,
  ],
  templateUrl: './api-keys.component.html',
  styles: `
    .create {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      flex-wrap: wrap;
    }
    .create mat-form-field {
      flex: 1 1 260px;
    }
    .create button {
      margin-top: 8px;
    }
    .secret {
      margin-top: 12px;
      padding: 12px;
      border-radius: 8px;
      background: #fff0d1;
    }
    .secret code {
      display: block;
      word-break: break-all;
      padding: 8px 0;
      font-size: 14px;
    }
    .secret-actions {
      display: flex;
      gap: 8px;
    }
    .scope {
      margin: 16px 0 8px;
    }
    .keys {
      width: 100%;
      margin-top: 8px;
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysComponent {
  private readonly api = inject(ApiKeysApi);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);

  readonly nameMax = API_KEY_NAME_MAX_LENGTH;
  readonly maxKeys = MAX_API_KEYS_PER_USER;
  readonly isSuperuser = computed(() => this.auth.user()?.role === 'superuser');
  readonly scope = signal<'mine' | 'all'>('mine');
  /** Reloaded when the scope changes; an answer for the other scope that comes late is dropped. */
  private readonly keysResource = rxResource({
    params: () => this.scope(),
    stream: ({ params: scope }) => (scope === 'all' ? this.api.all() : this.api.mine()),
  });
  readonly keys = computed(() => (this.keysResource.hasValue() ? this.keysResource.value() : []));
  readonly loading = computed(() => this.keysResource.isLoading() && !this.keysResource.hasValue());
  readonly busy = signal(false);
  /** Why loading or the last action failed (an action's error replaces a load's). */
  readonly error = linkedSignal(() => (this.keysResource.status() === 'error' ? toApiError(this.keysResource.error()).message : null));
  readonly created = signal<CreatedApiKeyDto | null>(null);
  readonly confirming = signal<string | null>(null);
  readonly columns = computed(() =>
    this.scope() === 'all' ? ['name', 'prefix', 'owner', 'created', 'used', 'actions'] : ['name', 'prefix', 'created', 'used', 'actions'],
  );
  /** Resetting through the directive also clears its "submitted" state, so the emptied field shows no error. */
  private readonly formDirective = viewChild.required(FormGroupDirective);
  readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(API_KEY_NAME_MAX_LENGTH)]],
  });

  async create(): Promise<void> {
    if (this.form.invalid) return this.form.markAllAsTouched();
    await this.run(async () => {
      this.created.set(await firstValueFrom(this.api.create(this.form.getRawValue().name.trim())));
      this.formDirective().resetForm();
      this.keysResource.reload();
    });
  }

  async revoke(key: ApiKeyDto): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.revoke(key.id, key.owner.id === this.auth.user()?.id));
      this.confirming.set(null);
      this.snackBar.open(`${key.name} revoked: it stopped working at once`, 'OK', { duration: 4000 });
      this.keysResource.reload();
    });
  }

  copy(secret: string): void {
    const copied = this.clipboard.copy(secret);
    this.snackBar.open(copied ? 'Key copied' : 'Select the key and copy it', 'OK', { duration: 3000 });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
