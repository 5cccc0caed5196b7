import { canonicalNumber } from './locale-number';

describe('canonicalNumber', () => {
  it('takes English grouping and decimals', () => {
    expect(canonicalNumber('3,200', 'en-GB')).toBe('3200');
    expect(canonicalNumber(' 1,234,567.89 ', 'en-US')).toBe('1234567.89');
    expect(canonicalNumber('3200.50', 'en-GB')).toBe('3200.50');
  });

  it('takes German and French marks, and leaves a German-typed dot decimal alone', () => {
    expect(canonicalNumber('3.200,50', 'de-DE')).toBe('3200.50');
    expect(canonicalNumber('19,99', 'de-DE')).toBe('19.99');
    expect(canonicalNumber('3200.50', 'de-DE')).toBe('3200.50');
    expect(canonicalNumber('3\u202f200,5', 'fr-FR')).toBe('3200.5');
  });

  it('leaves what is not a number in the locale for the validator to refuse', () => {
    expect(canonicalNumber('3,20', 'en-GB')).toBe('3,20');
    expect(canonicalNumber('abc', 'en-GB')).toBe('abc');
  });
});
