import { Pipe, type PipeTransform } from '@angular/core';
import { formatInTimeZone } from '@sendas/contracts';

/** `{{ send.sendAt | zonedTime: send.timeZone }}`: the time as the clock of that zone shows it, e.g. "30 Nov 2026, 09:00". */
@Pipe({ name: 'zonedTime' })
export class ZonedTimePipe implements PipeTransform {
  transform(instant: string, timeZone: string): string {
    return formatInTimeZone(instant, timeZone);
  }
}
