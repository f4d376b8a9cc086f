import { describe, expect, it } from 'vitest';
import { addTo, amountsOf, formatAmount, minorFrom, toMajor, toMinor } from './money-units.ts';

describe('money in minor units', () => {
  it('reads major-unit numbers and text exactly, per the currency’s exponent', () => {
    expect(toMinor(19.99, 'PLN')).toEqual({ minor: 1999 });
    expect(toMinor(0.1, 'EUR')).toEqual({ minor: 10 });
    expect(toMinor('1234.5', 'PLN')).toEqual({ minor: 123450 });
    expect(toMinor(1500, 'JPY')).toEqual({ minor: 1500 });
    expect(toMinor(1.234, 'KWD')).toEqual({ minor: 1234 });
    expect(toMinor(-3.5, 'EUR')).toEqual({ minor: -350 });
    expect(toMinor(1e21, 'JPY')).toEqual({ problem: 'is too large', reason: 'amount_too_big' });
  });

  it('refuses more decimals than the currency has, and what is not a number', () => {
    expect(toMinor(19.999, 'PLN')).toEqual({
      problem: 'has more than 2 decimals, the most PLN has',
      reason: 'amount_precision',
    });
    expect(toMinor(1500.5, 'JPY')).toEqual({
      problem: 'has decimals, but JPY has no minor unit',
      reason: 'amount_precision',
    });
    expect(toMinor(1.2345, 'KWD')).toEqual({
      problem: 'has more than 3 decimals, the most KWD has',
      reason: 'amount_precision',
    });
    expect(toMinor(1e-7, 'PLN')).toEqual({
      problem: 'has more than 2 decimals, the most PLN has',
      reason: 'amount_precision',
    });
    expect(toMinor(Number.NaN, 'PLN')).toEqual({ problem: 'is not a number', reason: 'wrong_type' });
    expect(toMinor('12,50', 'PLN')).toEqual({ problem: 'is not a number', reason: 'wrong_type' });
    expect(toMinor('1.2.3', 'PLN')).toEqual({ problem: 'is not a number', reason: 'wrong_type' });
  });

  it('writes minor units as the shortest exact major-unit number', () => {
    expect(toMajor(1999, 'PLN')).toBe(19.99);
    expect(JSON.stringify({ amount: toMajor(1999, 'PLN') })).toBe('{"amount":19.99}');
    expect(toMajor('5', 'PLN')).toBe(0.05);
    expect(toMajor(-5, 'EUR')).toBe(-0.05);
    expect(toMajor(1500, 'JPY')).toBe(1500);
    expect(toMajor(1234, 'KWD')).toBe(1.234);
    expect(toMajor(10n, 'CLF')).toBe(0.001);
    expect(formatAmount(1500, 'JPY')).toBe('1500 JPY');
    expect(formatAmount(120000, 'PLN')).toBe('1200.00 PLN');
  });

  it('sums many 0.1s to exactly their count over ten', () => {
    const totals = new Map<string, number>();
    let floats = 0;
    for (let i = 0; i < 100_000; i++) {
      const read = toMinor(0.1, 'PLN');
      if (!('minor' in read)) throw new Error(read.problem);
      addTo(totals, 'PLN', read.minor);
      floats += 0.1;
    }
    expect(floats).not.toBe(10_000);
    expect(amountsOf(totals)).toEqual([{ currency: 'PLN', amount: 10_000 }]);
  });

  it('keeps one total per currency, never one across them', () => {
    const totals = new Map<string, number>();
    addTo(totals, 'PLN', 1999);
    addTo(totals, 'EUR', 1);
    addTo(totals, 'JPY', 1500);
    addTo(totals, 'PLN', 1);
    expect(amountsOf(totals)).toEqual([
      { currency: 'EUR', amount: 0.01 },
      { currency: 'JPY', amount: 1500 },
      { currency: 'PLN', amount: 20 },
    ]);
  });

  it('reads the database’s bigints whether they come as numbers or text', () => {
    expect(minorFrom('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(minorFrom(12)).toBe(12);
    expect(() => minorFrom('9007199254740993')).toThrow(/not exact/);
  });
});
