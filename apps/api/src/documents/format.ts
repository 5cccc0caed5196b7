const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const REGION = new Intl.DisplayNames(['en'], { type: 'region' });

/** "2026-12-26" → "26 December 2026", as printed on PDFs and in emails; empty for no date. */
export function longDate(iso: string | null): string {
  return iso ? LONG_DATE.format(new Date(`${iso}T00:00:00Z`)) : '';
}

/** "TH" → "Thailand". */
export function countryName(code: string): string {
  return REGION.of(code) ?? code;
}
