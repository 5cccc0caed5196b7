import { csvField } from './csv';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('Q-2026-0001')).toBe('Q-2026-0001');
    expect(csvField('a@x.example b@x.example')).toBe('a@x.example b@x.example');
    expect(csvField('Refused, try again')).toBe('"Refused, try again"');
    expect(csvField('He said "no"')).toBe('"He said ""no"""');
  });

  it.each(['=HYPERLINK("http://evil.example")@x.example', '+1-555@x.example', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'writes %p as text, never as a formula',
    (value) => {
      const field = csvField(value);
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
});
