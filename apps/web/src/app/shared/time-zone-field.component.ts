import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TIME_ZONES } from './time-zones';

/** A time zone picked from every IANA zone this browser knows (the profile's, the organisation's). */
@Component({
  selector: 'app-time-zone-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Time zone</mat-label>
      <mat-select [formControl]="control()" [attr.data-testid]="testId()">
        @for (zone of timeZones; track zone) {
          <mat-option [value]="zone">{{ zone }}</mat-option>
        }
      </mat-select>
      <mat-hint>{{ hint() }}</mat-hint>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimeZoneFieldComponent {
  readonly control = input.required<FormControl<string>>();
  readonly hint = input('');
  readonly testId = input('time-zone');
  readonly timeZones = TIME_ZONES;
}
