import { TZDate } from '@date-fns/tz';
import { isTimeZone } from 'class-validator';
import { addDays, format } from 'date-fns';
import { ErrorCode, MAX_SCHEDULE_DAYS } from '@sendas/contracts';
import { FieldValidationError } from '../common';

/**
 * When a send later goes: the wall-clock time a person typed (`2026-12-08T09:00`) in their time zone, as an instant,
 * which must be a real date and time, in the future and at most MAX_SCHEDULE_DAYS ahead of `now`.
 */
export function sendAtInstant(local: string, timeZone: string, now = new Date()): Date {
  if (!isTimeZone(timeZone)) {
    throw FieldValidationError.of('timeZone', `"${timeZone}" is not a time zone: use an IANA name such as Asia/Bangkok.`, ErrorCode.TIME_ZONE_INVALID);
  }
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes, seconds = 0] = time.split(':').map(Number);
  const instant = new Date(new TZDate(year, month - 1, day, hours, minutes, seconds, timeZone).getTime());
  // 2026-02-30 or 25:00 roll over into another day: not what the person meant.
  const back = new TZDate(instant.getTime(), timeZone);
  if (Number.isNaN(instant.getTime()) || back.getDate() !== day || back.getMonth() !== month - 1 || hours > 23 || minutes > 59 || seconds > 59) {
    throw FieldValidationError.of('sendAt', `${local} is not a date and time.`, ErrorCode.SEND_AT_INVALID);
  }
  // as a person reads it, "1 Dec 2026, 14:30 (Asia/Bangkok)", not as the form sent it
  const asTyped = `${format(back, 'd MMM yyyy, HH:mm')} (${timeZone})`;
  if (instant <= now) {
    throw FieldValidationError.of('sendAt', `${asTyped} has passed: choose a time in the future.`, ErrorCode.SEND_AT_INVALID);
  }
  if (instant > addDays(now, MAX_SCHEDULE_DAYS)) {
    throw FieldValidationError.of('sendAt', `${asTyped} is more than a year ahead: schedule within ${MAX_SCHEDULE_DAYS} days.`, ErrorCode.SEND_AT_INVALID);
  }
  return instant;
}
