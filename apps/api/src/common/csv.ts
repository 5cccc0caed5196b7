/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break). A value a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: a recipient such as `=HYPERLINK(…)@x.example`)
 * is written as text, behind an apostrophe, as OWASP recommends.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
