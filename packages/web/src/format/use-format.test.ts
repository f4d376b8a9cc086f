import { describe, expect, it } from 'vitest';
import { endOfDayIn, makeFormatters } from './use-format.ts';

describe('makeFormatters', () => {
  it("shows a time in the organisation's zone, not the browser's", () => {
    const warsaw = makeFormatters('pl', 'Europe/Warsaw');
    expect(warsaw.dateTime('2026-11-24T15:00:00Z')).toContain('16:00');
    const tallinn = makeFormatters('et', 'Europe/Tallinn');
    expect(tallinn.dateTime('2026-11-24T15:00:00Z')).toContain('17:00');
  });

  it('writes amounts the way the interface language does', () => {
    expect(makeFormatters('pl', 'Europe/Warsaw').money(1234.5, 'PLN')).toMatch(/1\s?234,50\s?zł/);
    expect(makeFormatters('en', 'Europe/Warsaw').number(10000)).toBe('10,000');
  });
});

describe('endOfDayIn', () => {
  it("ends a day at 23:59:59 on the organisation's wall clock", () => {
    expect(endOfDayIn('2026-12-31', 'Europe/Warsaw')).toBe('2026-12-31T22:59:59.000Z');
    expect(endOfDayIn('2026-07-01', 'Europe/Tallinn')).toBe('2026-07-01T20:59:59.000Z');
  });
});
