import { ISO_4217_EXPONENTS } from './iso-4217.ts';

/**
 * Money is stored as an integer count of the currency's minor unit (grosze, cents; yen have none, dinars
 * a thousandth) and crosses the API as a JSON number in major units, converted through decimal text so
 * that 1999 grosze is always 19.99, never 19.990000000000002.
 */

/** An amount paired with its currency, in major units, as the API shows it. */
export interface Amount {
  currency: string;
  amount: number;
}

export function isCurrency(code: string): boolean {
  return Object.hasOwn(ISO_4217_EXPONENTS, code);
}

/** Digits after the decimal point for an ISO 4217 code; throws for an unknown code. */
export function exponentOf(currency: string): number {
  const exponent = ISO_4217_EXPONENTS[currency];
  if (exponent === undefined) throw new Error(`unknown currency ${currency}`);
  return exponent;
}

/** Why `currency` cannot be used, or null when it is an active ISO 4217 code. */
export function currencyProblem(currency: string): string | null {
  return isCurrency(currency) ? null : `'${currency}' is not an ISO 4217 currency code such as PLN or EUR`;
}

/**
 * Reads a major-unit amount (a JSON number, or decimal text with a point) into minor units, or says why
 * it cannot: more decimals than the currency has, not a finite number, or too large to stay exact.
 * @example toMinor(19.99, 'PLN') // { minor: 1999 }
 */
export function toMinor(
  amount: number | string,
  currency: string,
): { minor: number } | { problem: string; reason: 'wrong_type' | 'amount_precision' | 'amount_too_big' } {
  const exponent = exponentOf(currency);
  const text = typeof amount === 'number' ? decimalText(amount) : amount.trim();
  const match = text === null ? null : /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { problem: 'is not a number', reason: 'wrong_type' };
  const [, sign, whole = '', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    return {
      problem:
        exponent === 0
          ? `has decimals, but ${currency} has no minor unit`
          : `has more than ${exponent} decimal${exponent === 1 ? '' : 's'}, the most ${currency} has`,
      reason: 'amount_precision',
    };
  }
  const digits = `${whole}${significant.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (!Number.isSafeInteger(minor)) return { problem: 'is too large', reason: 'amount_too_big' };
  return { minor: sign === '-' && minor !== 0 ? -minor : minor };
}

/**
 * Minor units (a number, or the decimal text and bigints the database drivers return) as a major-unit
 * JSON number, exact to the last digit the currency has.
 * @example toMajor(1999, 'PLN') // 19.99
 */
export function toMajor(minor: number | string | bigint, currency: string): number {
  const exponent = exponentOf(currency);
  const text = typeof minor === 'number' ? decimalText(minor) : String(minor);
  if (text === null || !/^-?\d+$/.test(text)) throw new Error(`not a whole number of minor units: ${minor}`);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return Number(`${negative ? '-' : ''}${whole}${exponent ? `.${fraction}` : ''}`);
}

/** Minor units read from the database: PGlite returns bigints as numbers, pg as decimal text. */
export function minorFrom(value: number | string | bigint): number {
  const minor = Number(value);
  if (!Number.isSafeInteger(minor))
    throw new Error(`an amount of ${value} minor units is not exact in a number`);
  return minor;
}

/** Adds minor units per currency: a sum never crosses currencies. */
export function addTo(totals: Map<string, number>, currency: string, minor: number): void {
  const sum = (totals.get(currency) ?? 0) + minor;
  if (!Number.isSafeInteger(sum)) throw new Error(`a total in ${currency} is too large to stay exact`);
  totals.set(currency, sum);
}

/** Per-currency totals in minor units as `{currency, amount}` in major units, by currency code. */
export function amountsOf(totals: Map<string, number>): Amount[] {
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, minor]) => ({ currency, amount: toMajor(minor, currency) }));
}

/** Plain text for logs and English sentences: `19.99 PLN`, `1500 JPY`. */
export function formatAmount(minor: number, currency: string): string {
  const exponent = exponentOf(currency);
  return `${toMajor(minor, currency).toFixed(exponent)} ${currency}`;
}

/** The plain decimal text of a finite number (no exponent), or null. */
function decimalText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const shortest = String(value);
  if (!/e/i.test(shortest)) return shortest;
  // 1e21 and above or 1e-7 and below: the shortest round-trip digits, laid out without an exponent.
  const [mantissa = '', power = '0'] = shortest.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [int = '', frac = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = int + frac;
  const point = int.length + Number(power);
  const laid =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${negative ? '-' : ''}${laid}`;
}
