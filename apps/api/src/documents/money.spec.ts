import { formatAmount } from './money';

describe('formatAmount', () => {
  it('groups thousands and shows cents', () => expect(formatAmount('1234567.5')).toBe('1,234,567.50'));
});
