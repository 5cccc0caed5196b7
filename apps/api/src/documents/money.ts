import Decimal from 'decimal.js';
import type { LineItemInput } from '@sendas/contracts';

/** Exact decimal arithmetic for money; rounding is half-up to cents, per line. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface PricedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  netAmount: string;
  taxAmount: string;
}

export interface Totals {
  lines: PricedLine[];
  subtotal: string;
  taxTotal: string;
  total: string;
}

/** Net and tax per line (each rounded to cents), then the sums: what the customer sees adds up. */
export function priceLines(lines: LineItemInput[]): Totals {
  let subtotal = new Money(0);
  let taxTotal = new Money(0);
  const priced = lines.map((line) => {
    const quantity = new Money(line.quantity);
    const unitPrice = new Money(line.unitPrice);
    const taxRate = new Money(line.taxRate);
    const net = quantity.times(unitPrice).toDecimalPlaces(2);
    const tax = net.times(taxRate).dividedBy(100).toDecimalPlaces(2);
    subtotal = subtotal.plus(net);
    taxTotal = taxTotal.plus(tax);
    return {
      description: line.description,
      quantity: quantity.toFixed(3),
      unitPrice: unitPrice.toFixed(2),
      taxRate: taxRate.toFixed(2),
      netAmount: net.toFixed(2),
      taxAmount: tax.toFixed(2),
    };
  });
  return { lines: priced, subtotal: subtotal.toFixed(2), taxTotal: taxTotal.toFixed(2), total: subtotal.plus(taxTotal).toFixed(2) };
}

/** "1234.5" → "1,234.50" for documents (the currency code is printed beside it). */
export function formatAmount(value: string): string {
  const [whole, cents = '00'] = new Money(value).toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

export function isDecimal(value: unknown, maxScale: number): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    const decimal = new Money(value);
    return decimal.isFinite() && decimal.decimalPlaces() <= maxScale;
  } catch {
    return false;
  }
}
