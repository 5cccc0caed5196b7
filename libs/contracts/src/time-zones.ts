/** "30 Nov 2026, 09:00" as the clock in `timeZone` shows an instant (for scheduled sends). */
export function formatInTimeZone(instant: string | Date, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}
