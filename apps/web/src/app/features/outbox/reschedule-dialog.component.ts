import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom, type Observable } from 'rxjs';
import type { ScheduledSendDto } from '@sendas/contracts';
import { toApiError } from '../../core/api-error';
import { OutboxApi } from '../../core/api/outbox-api';
import { AuthService } from '../../core/auth.service';
import { responsiveDialog } from '../../shared/layout';

/** "2026-11-30" and "09:00" of an instant on the clock of `timeZone` (what the date and time inputs hold). */
function localParts(instant: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` };
}

/** Moves a scheduled send to another date and time, in the sender's own time zone. */
@Component({
  selector: 'app-reschedule-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>Move the send of {{ send.documentNumber }}</h2>
    <mat-dialog-content>
      <form [formGroup]="form" (ngSubmit)="save()" id="reschedule-form" class="fields" novalidate>
        <mat-form-field appearance="outline"><mat-label>Date</mat-label><input matInput type="date" formControlName="date" required /></mat-form-field>
        <mat-form-field appearance="outline"><mat-label>Time</mat-label><input matInput type="time" formControlName="time" required /></mat-form-field>
        <p class="hint">In {{ timeZone }}.</p>
      </form>
      @if (error(); as message) {
        <div class="error-banner" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ message }}</div>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Keep the time</button>
      <button mat-flat-button type="submit" form="reschedule-form" [disabled]="saving()">Move</button>
    </mat-dialog-actions>
  `,
  styles: `
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      /* room above the outlined fields: their floating labels sit over the top edge, which the scrolling content clips */
      padding-top: 8px;
    }
    .fields mat-form-field {
      flex: 1 1 160px;
    }
    .hint {
      flex: 1 1 100%;
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RescheduleDialogComponent {
  static open(dialog: MatDialog, send: ScheduledSendDto): Observable<ScheduledSendDto | undefined> {
    return dialog
      .open<RescheduleDialogComponent, ScheduledSendDto, ScheduledSendDto>(RescheduleDialogComponent, { data: send, ...responsiveDialog('420px') })
      .afterClosed();
  }

  readonly send = inject<ScheduledSendDto>(MAT_DIALOG_DATA);
  private readonly api = inject(OutboxApi);
  private readonly dialogRef = inject<MatDialogRef<RescheduleDialogComponent, ScheduledSendDto>>(MatDialogRef);
  readonly timeZone = inject(AuthService).user()?.timeZone ?? this.send.timeZone;
  private readonly current = localParts(this.send.sendAt, this.timeZone);
  readonly form = inject(NonNullableFormBuilder).group({ date: [this.current.date, Validators.required], time: [this.current.time, Validators.required] });
  readonly saving = signal(false);
  readonly error = signal<string | null>(null);

  async save(): Promise<void> {
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    try {
      const { date, time } = this.form.getRawValue();
      this.dialogRef.close(await firstValueFrom(this.api.reschedule(this.send.id, { sendAt: `${date}T${time}`, timeZone: this.timeZone })));
    } catch (error) {
      this.error.set(toApiError(error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
