import { currencyDecimals, isDecimal, priceLines } from './money';

describe('priceLines', () => {
  it('computes 3 x 19.99 with 7% tax exactly', () => {
    const totals = priceLines([{ description: 'Music licence', quantity: 3, unitPrice: '19.99', taxRate: 7 }], 'THB');
    expect(totals).toMatchObject({ subtotal: '59.97', taxTotal: '4.20', total: '64.17' });
    expect(totals.lines[0]).toMatchObject({ quantity: '3.000', unitPrice: '19.99', netAmount: '59.97', taxAmount: '4.20' });
  });

  it('does not drift like floating point: 0.1 + 0.2 is 0.30', () => {
    const totals = priceLines(
      [
        { description: 'a', quantity: 1, unitPrice: '0.1', taxRate: 0 },
        { description: 'b', quantity: 1, unitPrice: '0.2', taxRate: 0 },
      ],
      'THB',
    );
    expect(totals.total).toBe('0.30');
  });

  it('rounds each line half-up to cents before summing', () => {
    const totals = priceLines([{ description: 'x', quantity: '1.5', unitPrice: '0.03', taxRate: '10' }], 'THB');
    expect(totals.lines[0].netAmount).toBe('0.05'); // 0.045 → 0.05
    expect(totals.taxTotal).toBe('0.01'); // 0.005 → 0.01
  });

  it('takes a line discount off the net before tax: 2 x 100.00 less 12.5% is 175.00, 7% tax 12.25', () => {
    const totals = priceLines([{ description: 'x', quantity: 2, unitPrice: '100', discountPercent: '12.5', taxRate: 7 }], 'THB');
    expect(totals.lines[0]).toMatchObject({ discountPercent: '12.50', netAmount: '175.00', taxAmount: '12.25' });
    expect(totals.total).toBe('187.25');
    expect(priceLines([{ description: 'x', quantity: 1, unitPrice: '9.99', discountPercent: 100, taxRate: 7 }], 'THB').total).toBe('0.00');
  });

  it("rounds each line to the currency's smallest unit: whole yen, cents of baht", () => {
    const lines = [{ description: 'x', quantity: 3, unitPrice: '333', taxRate: 7 }];
    expect(priceLines(lines, 'JPY')).toMatchObject({ subtotal: '999.00', taxTotal: '70.00', total: '1069.00' });
    expect(priceLines(lines, 'THB')).toMatchObject({ subtotal: '999.00', taxTotal: '69.93', total: '1068.93' });
  });

  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['THB', 2],
    ['USD', 2],
    ['BHD', 2],
    ['XYZ', 2],
  ])('gives %s amounts %i decimals (at most the two that are stored)', (currency, decimals) => expect(currencyDecimals(currency)).toBe(decimals));

  it('handles big amounts exactly', () => {
    expect(priceLines([{ description: 'x', quantity: 1000, unitPrice: '99999999.99', taxRate: 7 }], 'THB').total).toBe('106999999989.30');
  });
});

describe('isDecimal', () => {
  it.each([
    ['19.99', 2, true],
    [19.99, 2, true],
    ['19.999', 2, false],
    ['abc', 2, false],
    ['1e3', 2, true],
    [null, 2, false],
  ])('isDecimal(%p, %p) is %p', (value, scale, expected) => expect(isDecimal(value, scale)).toBe(expected));
});
