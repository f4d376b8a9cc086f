import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  dateAt,
  dayOfWeek,
  formatInstant,
  instantAt,
  isTimeZone,
  MS_PER_DAY,
  offsetAt,
  parseInstant,
  wallTimeToInstant,
} from './zoned.ts';

// Zones with summer time north and south, half-hour and 45-minute offsets, a 30-minute DST
// (Lord Howe), a date-line jump (Apia) and none at all.
const ZONES = [
  'Europe/Warsaw',
  'Europe/Tallinn',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'UTC',
] as const;
const zone = fc.constantFrom(...ZONES);
const YEAR_1900 = Date.UTC(1900, 0, 1);
const YEAR_2100 = Date.UTC(2100, 0, 1);
const instant = fc.integer({ min: YEAR_1900, max: YEAR_2100 });
const RUNS = { numRuns: 2000 };

const dayNumber = (date: Temporal.PlainDate) => Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;

/** Wall times near a time zone's next change after an instant: skipped and repeated hours. */
const nearChange = fc
  .tuple(instant, zone, fc.integer({ min: -180, max: 180 }))
  .map(([ms, timeZone, minutes]) => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
    const change = zoned.getTimeZoneTransition('next') ?? zoned;
    const wall = change.add({ minutes }).toPlainDateTime();
    return { timeZone, wall: wall.round({ smallestUnit: 'minute', roundingMode: 'floor' }) };
  });

describe('zoned time, against Temporal', () => {
  it('property: gives the offset and the wall-clock date of an instant', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
        expect(offsetAt(ms, timeZone)).toBe(zoned.offsetNanoseconds / 1e6);
        expect(dateAt(ms, timeZone)).toBe(dayNumber(zoned.toPlainDate()));
        expect(dayOfWeek(dateAt(ms, timeZone))).toBe(zoned.dayOfWeek);
      }),
      RUNS,
    );
  });

  const sameInstant = ({ timeZone, wall }: { timeZone: string; wall: Temporal.PlainDateTime }) => {
    const expected = wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
    expect(instantAt(dayNumber(wall.toPlainDate()), wall.hour, wall.minute, timeZone)).toBe(expected);
  };

  it('property: gives the instant of a wall-clock time, as compatible disambiguation does', () => {
    const wall = fc.tuple(instant, zone).map(([ms, timeZone]) => ({
      timeZone,
      wall: Temporal.Instant.fromEpochMilliseconds(ms)
        .toZonedDateTimeISO('UTC')
        .toPlainDateTime()
        .round({ smallestUnit: 'minute', roundingMode: 'floor' }),
    }));
    fc.assert(fc.property(wall, sameInstant), RUNS);
  });

  it('property: does so in the hours a time zone skips or repeats', () => {
    fc.assert(fc.property(nearChange, sameInstant), RUNS);
  });

  it('property: gives the instant of calendar fields to the second, as Temporal does', () => {
    const fields = fc.record({
      year: fc.integer({ min: 1901, max: 2099 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(fields, zone, (t, timeZone) => {
        const expected = Temporal.PlainDateTime.from(t).toZonedDateTime(timeZone).epochMilliseconds;
        expect(wallTimeToInstant(t, timeZone)).toBe(expected);
      }),
      RUNS,
    );
  });

  it('tells IANA time zones from anything else', () => {
    expect(isTimeZone('Europe/Tallinn')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads 02:30 of the night Warsaw moves to summer time as 03:30, and the repeated 02:30 as the first', () => {
    const day = Date.UTC(2025, 2, 30) / MS_PER_DAY;
    expect(formatInstant(instantAt(day, 2, 30, 'Europe/Warsaw'))).toBe('2025-03-30T01:30:00Z');
    const autumn = Date.UTC(2025, 9, 26) / MS_PER_DAY;
    expect(formatInstant(instantAt(autumn, 2, 30, 'Europe/Warsaw'))).toBe('2025-10-26T00:30:00Z');
  });

  it('property: prints an instant as Temporal does', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        expect(formatInstant(ms)).toBe(Temporal.Instant.fromEpochMilliseconds(ms).toString());
      }),
      RUNS,
    );
  });

  it('property: reads an instant with Z or an offset as Temporal does', () => {
    const offset = fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    );
    const text = fc
      .tuple(instant, offset, fc.boolean(), fc.integer({ min: 0, max: 999 }))
      .map(([ms, zoneText, withMillis, millis]) => {
        const iso = new Date(ms).toISOString().slice(0, 19);
        return `${iso}${withMillis ? `.${String(millis).padStart(3, '0')}` : ''}${zoneText}`;
      });
    fc.assert(
      fc.property(text, (t) => {
        expect(parseInstant(t)).toBe(Temporal.Instant.from(t).epochMilliseconds);
      }),
      RUNS,
    );
  });

  it.each([
    '2025-03-27T10Z',
    '2025-03-27T10:00+01',
    '20250327T100000Z',
    '2025-03-27t10:00:00.5z',
    '2025-03-27T10:00:00+01:00:30',
    '2025-03-27T10:00:00Z[Europe/Warsaw]',
    '2016-12-31T23:59:60Z',
    '-000001-06-01T00:00:00Z',
  ])('reads %s as Temporal does', (text) => {
    expect(parseInstant(text)).toBe(Temporal.Instant.from(text).epochMilliseconds);
  });

  it.each([
    '2025-03-27',
    '2025-03-27T10:00:75Z',
    '2025-03-27T10:00:00Z[]',
    '-000000-01-01T00:00:00Z',
    '+275760-09-13T00:00-01:00',
    '2025-03-27T10:00:00',
    '2025-02-30T10:00:00Z',
    '2025-03-27T25:00:00Z',
    '2025-03-27T10:00:00+24:00',
    'yesterday',
  ])('rejects %s, naming it', (text) => {
    expect(() => parseInstant(text)).toThrow(text);
    expect(() => Temporal.Instant.from(text)).toThrow(RangeError);
  });

  it('names a time zone it does not know', () => {
    expect(() => offsetAt(0, 'Europe/Atlantis')).toThrow(/Europe\/Atlantis/);
  });
});
