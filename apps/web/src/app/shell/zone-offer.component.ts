import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { deviceTimeZone } from '../shared/time-zones';

/** Remembers, per user, a browser zone they chose not to switch to, so the offer does not come back for it. */
const keptKey = (userId: string) => `sendas.zone-kept.${userId}`;

/**
 * Signed in from a browser whose clock is in another zone than the profile's, the user is offered to switch (times in
 * the app, and Send later, follow the profile's zone); keeping theirs is remembered for that browser zone.
 */
@Component({
  selector: 'app-zone-offer',
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (offer(); as o) {
      <div class="info-banner zone-offer" role="region" aria-label="Time zone" data-testid="zone-offer">
        <mat-icon aria-hidden="true">schedule</mat-icon>
        <span class="text">Sendas shows times in {{ o.profile }}, your profile's zone. This browser is in {{ o.device }}.</span>
        <span class="actions">
          <button mat-button type="button" (click)="useDevice(o.device)" [disabled]="saving()">Use {{ o.device }}</button>
          <button mat-button type="button" (click)="keep(o.profile, o.device)">Keep {{ o.profile }}</button>
        </span>
      </div>
    }
  `,
  styles: `
    .zone-offer {
      flex-wrap: wrap;
      align-items: center;
      margin: 12px 16px 0;
    }
    .text {
      flex: 1 1 240px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ZoneOfferComponent {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly device = deviceTimeZone();
  private readonly kept = signal<string | null>(null);
  readonly saving = signal(false);

  readonly offer = computed(() => {
    const user = this.auth.user();
    if (!user || user.timeZone === this.device) return null;
    const choice = `${user.timeZone}|${this.device}`;
    if ((this.kept() ?? localStorage.getItem(keptKey(user.id))) === choice) return null;
    return { profile: user.timeZone, device: this.device };
  });

  async useDevice(zone: string): Promise<void> {
    this.saving.set(true);
    try {
      await this.auth.updateProfile({ timeZone: zone });
      this.snackBar.open(`Times are now shown in ${zone}`, 'OK', { duration: 3000 });
    } catch (error) {
      this.snackBar.open(toApiError(error).message, 'OK');
    } finally {
      this.saving.set(false);
    }
  }

  keep(profile: string, device: string): void {
    const user = this.auth.user();
    if (!user) return;
    localStorage.setItem(keptKey(user.id), `${profile}|${device}`);
    this.kept.set(`${profile}|${device}`);
  }
}
