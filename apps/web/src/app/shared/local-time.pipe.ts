import { inject, Pipe, type PipeTransform } from '@angular/core';
import { formatInTimeZone } from '@sendas/contracts';
import { AuthService } from '../core/auth.service';

/**
 * The one formatter of instants in the app: `{{ m.createdAt | localTime }}` is "8 Dec 2026, 09:00" as the clock in the
 * viewer's zone (their profile's) shows it; `{{ at | localTime: 'zone' }}` names the zone, where the time matters.
 * Not for date-only fields (an issue date is a day, not an instant).
 */
@Pipe({ name: 'localTime', pure: false })
export class LocalTimePipe implements PipeTransform {
  private readonly auth = inject(AuthService);

  transform(instant: string | Date | null | undefined, show?: 'zone'): string {
    if (!instant) return '';
    const zone = this.auth.user()?.timeZone ?? 'UTC';
    const text = formatInTimeZone(instant, zone);
    return show === 'zone' ? `${text} (${zone})` : text;
  }
}
