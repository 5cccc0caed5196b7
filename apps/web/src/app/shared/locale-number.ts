/** The digit-grouping and decimal marks of a locale: "," and "." in English, "." and "," in German, " " and "," in French. */
function marks(locale?: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return { group: parts.find((part) => part.type === 'group')?.value ?? ',', decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.' };
}

const escape = (mark: string) => mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A space a locale groups digits with (French uses a narrow no-break space). */
const SPACE = /[\s\u00a0\u202f]/;

/**
 * A number as a person types it in their browser's locale, in the API's form: "3,200" → "3200" and "3,200.5" →
 * "3200.5" in English, "3.200,5" → "3200.5" in German. Group marks count only where they group thousands, so a
 * German "3200.50" stays as typed rather than becoming 320050; anything else is returned trimmed, for the validator
 * to refuse with its message. The API takes only the canonical form.
 */
export function canonicalNumber(typed: string, locale?: string): string {
  const { group, decimal } = marks(locale);
  const spaced = SPACE.test(group);
  const text = spaced ? typed.trim().replace(new RegExp(SPACE.source, 'g'), '') : typed.trim();
  const g = spaced ? '' : escape(group);
  const d = escape(decimal);
  if (g && new RegExp(`^-?\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`).test(text)) return text.split(group).join('').replace(decimal, '.');
  if (decimal !== '.' && new RegExp(`^-?\\d+${d}\\d+$`).test(text)) return text.replace(decimal, '.');
  return text;
}
