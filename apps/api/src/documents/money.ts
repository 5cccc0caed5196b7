import Decimal from 'decimal.js';
import { AMOUNT_SCALE, currencyDecimals } from '@sendas/contracts/money';

/** Money as documents print it (pricing itself is priceLines in libs/contracts, shared with the web app). */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * "1234.5" → "1,234.50" for documents (the currency code is printed beside it); with the currency, in its smallest
 * unit ("1,234" yen).
 */
export function formatAmount(value: string, currency?: string): string {
  const [whole, fraction] = new Money(value).toFixed(currency ? currencyDecimals(currency) : AMOUNT_SCALE).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}
