import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { type OrganisationSettingsDto, type Weekday, WEEKDAYS } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { OrganisationApi } from '../../core/api/organisation-api';
import type { HasUnsavedChanges } from '../../core/unsaved-changes.guard';
import { LocalTimePipe } from '../../shared/local-time.pipe';
import { TimeZoneFieldComponent } from '../../shared/time-zone-field.component';

const DAY_NAMES: Record<Weekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

const atLeastOneDay: ValidatorFn = (group) => (Object.values(group.value as Record<string, boolean>).some(Boolean) ? null : { noDay: true });

/** Admin > Organisation (superusers): the time zone new users start in, and the working week. */
@Component({
  selector: 'app-organisation',
  imports: [
    ReactiveFormsModule,
    LocalTimePipe,
    TimeZoneFieldComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './organisation.component.html',
  styles: `
    form {
      display: grid;
      gap: 16px;
      max-width: 560px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    .meta,
    .intro {
      color: var(--mat-sys-on-surface-variant);
    }
    .no-day {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationComponent implements HasUnsavedChanges {
  private readonly api = inject(OrganisationApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly days = WEEKDAYS.map((day) => ({ day, name: DAY_NAMES[day] }));
  readonly form = this.fb.group({
    timeZone: ['UTC', Validators.required],
    workingDays: this.fb.group(
      Object.fromEntries(WEEKDAYS.map((day) => [String(day), new FormControl(false, { nonNullable: true })])) as Record<string, FormControl<boolean>>,
      { validators: atLeastOneDay },
    ),
  });
  readonly settings = rxResource({ stream: () => this.api.get() });
  private readonly saved = signal<OrganisationSettingsDto | null>(null);
  /** The settings as last read or saved; the form shows them. */
  readonly current = computed(() => this.saved() ?? this.settings.value() ?? null);
  readonly loadError = computed(() => (this.settings.error() ? toApiError(this.settings.error()).message : null));
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      const settings = this.current();
      if (settings) this.showInForm(settings);
    });
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  async save(): Promise<void> {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    const { timeZone, workingDays } = this.form.getRawValue();
    try {
      const saved = await firstValueFrom(this.api.update({ timeZone, workingDays: WEEKDAYS.filter((day) => workingDays[String(day)]) }));
      this.saved.set(saved);
      this.snackBar.open('Organisation settings saved', 'OK', { duration: 3000 });
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }

  private showInForm(settings: OrganisationSettingsDto): void {
    this.form.reset({
      timeZone: settings.timeZone,
      workingDays: Object.fromEntries(WEEKDAYS.map((day) => [String(day), settings.workingDays.includes(day)])),
    });
  }
}
