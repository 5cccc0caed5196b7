/** Formatters by locale and zone: making one costs far more than using it, and a page formats many times. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "30 Nov 2026, 09:00" as the clock in `timeZone` shows an instant. */
export function formatInTimeZone(instant: string | Date, timeZone: string, locale = 'en-GB'): string {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(instant));
}
