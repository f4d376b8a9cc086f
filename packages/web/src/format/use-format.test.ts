import { describe, expect, it } from 'vitest';
import { makeFormatters } from './use-format.ts';

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
