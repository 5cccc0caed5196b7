import Decimal from 'decimal.js';

/** Money as documents print it (pricing itself is priceLines in libs/contracts, shared with the web app). */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** "1234.5" → "1,234.50" for documents (the currency code is printed beside it). */
export function formatAmount(value: string): string {
  const [whole, cents = '00'] = new Money(value).toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
