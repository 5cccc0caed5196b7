import Decimal from 'decimal.js';
import type { Decimal as DecimalString, LineItemInput } from './documents';

/** Exact decimal arithmetic for money; rounding is half-up to cents, per line. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface PricedLine {
  description: string;
  quantity: DecimalString;
  unitPrice: DecimalString;
  discountPercent: DecimalString;
  taxRate: DecimalString;
  netAmount: DecimalString;
  taxAmount: DecimalString;
}

export interface Totals {
  lines: PricedLine[];
  subtotal: DecimalString;
  taxTotal: DecimalString;
  total: DecimalString;
}

/** Amounts are stored with two decimals: a currency with three (BHD, KWD, …) is kept to two. */
export const AMOUNT_SCALE = 2;

/**
 * The decimals a currency's amounts have (ISO 4217 minor units: JPY 0, THB 2), at most AMOUNT_SCALE. Unknown codes
 * get AMOUNT_SCALE (the API refuses them anyway).
 */
export function currencyDecimals(currency: string): number {
  let decimals = decimalsByCurrency.get(currency);
  if (decimals === undefined) {
    try {
      const { maximumFractionDigits } = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
      decimals = Math.min(maximumFractionDigits ?? AMOUNT_SCALE, AMOUNT_SCALE);
    } catch {
      decimals = AMOUNT_SCALE;
    }
    decimalsByCurrency.set(currency, decimals); // a formatter costs tens of microseconds to make; ISO 4217 has ~300 codes
  }
  return decimals;
}
const decimalsByCurrency = new Map<string, number>();

/**
 * Net (quantity x unit price, less the line's discount) and tax per line, each rounded to the currency's smallest
 * unit (cents; whole yen), then the sums: what the customer sees adds up. The server stores what this computes; the
 * web app's editor shows the same.
 */
export function priceLines(lines: LineItemInput[], currency: string): Totals {
  const decimals = currencyDecimals(currency);
  let subtotal = new Money(0);
  let taxTotal = new Money(0);
  const priced = lines.map((line) => {
    const quantity = new Money(line.quantity);
    const unitPrice = new Money(line.unitPrice);
    const discount = new Money(line.discountPercent ?? 0);
    const taxRate = new Money(line.taxRate);
    const net = quantity.times(unitPrice).times(new Money(100).minus(discount)).dividedBy(100).toDecimalPlaces(decimals);
    const tax = net.times(taxRate).dividedBy(100).toDecimalPlaces(decimals);
    subtotal = subtotal.plus(net);
    taxTotal = taxTotal.plus(tax);
    return {
      description: line.description,
      quantity: quantity.toFixed(3),
      unitPrice: unitPrice.toFixed(2),
      discountPercent: discount.toFixed(2),
      taxRate: taxRate.toFixed(2),
      netAmount: net.toFixed(2),
      taxAmount: tax.toFixed(2),
    };
  });
  return { lines: priced, subtotal: subtotal.toFixed(2), taxTotal: taxTotal.toFixed(2), total: subtotal.plus(taxTotal).toFixed(2) };
}

/** The largest amount a document can hold (the database keeps 14 digits, 2 after the point). */
export const MAX_AMOUNT = '999999999999.99';

/** True when a line or the document total would not fit MAX_AMOUNT. */
export function exceedsMaxAmount(totals: Totals): boolean {
  const limit = new Money(MAX_AMOUNT);
  return [totals.total, totals.subtotal, ...totals.lines.flatMap((line) => [line.netAmount, line.taxAmount])].some((amount) =>
    new Money(amount).greaterThan(limit),
  );
}

/** True for a finite number (or numeric string) with at most `maxScale` decimals. */
export function isDecimal(value: unknown, maxScale: number): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    const decimal = new Money(value);
    return decimal.isFinite() && decimal.decimalPlaces() <= maxScale;
  } catch {
    return false;
  }
}
