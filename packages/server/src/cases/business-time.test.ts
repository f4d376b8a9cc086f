import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessCalendar, businessMinutesBetween } from './business-time.ts';

const WEEKDAYS_9_TO_17 = {
  '1': ['09:00', '17:00'],
  '2': ['09:00', '17:00'],
  '3': ['09:00', '17:00'],
  '4': ['09:00', '17:00'],
  '5': ['09:00', '17:00'],
} as const;
const ALL_DAY = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, ['00:00', '24:00'] as const]),
);

const warsaw = businessCalendar({ timeZone: 'Europe/Warsaw', days: WEEKDAYS_9_TO_17, holidays: [] });
const tallinn = businessCalendar({
  timeZone: 'Europe/Tallinn',
  days: WEEKDAYS_9_TO_17,
  holidays: [{ date: '2026-02-24' }],
});

const at = (iso: string) => new Date(iso);
const add = (from: string, minutes: number, calendar = warsaw) =>
  addBusinessMinutes(at(from), minutes, calendar).toISOString();

describe('business time', () => {
  it('counts minutes inside one open day as they pass', () => {
    // Monday 2 March 2026, 10:00 in Warsaw (UTC+1).
    expect(add('2026-03-02T09:00:00Z', 30)).toBe('2026-03-02T09:30:00.000Z');
    expect(add('2026-03-02T09:00:00Z', 7 * 60)).toBe('2026-03-02T16:00:00.000Z');
  });

  it('stops the clock overnight and goes on at the next opening', () => {
    // Monday 16:30 Warsaw + 60 business minutes: 30 on Monday, 30 from Tuesday 09:00.
    expect(add('2026-03-02T15:30:00Z', 60)).toBe('2026-03-03T08:30:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 6 March 16:00 Warsaw + 2 h: one hour on Friday, one on Monday from 09:00.
    expect(add('2026-03-06T15:00:00Z', 120)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('starts the clock at the next opening for a message received outside hours', () => {
    // Saturday noon: Monday 09:00 Warsaw is 08:00 UTC.
    expect(add('2026-03-07T12:00:00Z', 30)).toBe('2026-03-09T08:30:00.000Z');
    expect(add('2026-03-07T12:00:00Z', 0)).toBe('2026-03-09T08:00:00.000Z');
    // Monday 07:00, before opening.
    expect(add('2026-03-09T06:00:00Z', 15)).toBe('2026-03-09T08:15:00.000Z');
    // Exactly at closing is outside hours too.
    expect(add('2026-03-09T16:00:00Z', 1)).toBe('2026-03-10T08:01:00.000Z');
  });

  it('skips a holiday on a weekday', () => {
    // Tallinn, Monday 23 February 16:00 (UTC+2) + 2 h; Tuesday 24 February is Independence Day.
    expect(add('2026-02-23T14:00:00Z', 120, tallinn)).toBe('2026-02-25T08:00:00.000Z');
    const easter = businessCalendar({
      timeZone: 'Europe/Warsaw',
      days: WEEKDAYS_9_TO_17,
      holidays: [{ date: '2026-04-06' }],
    });
    // Friday 3 April 16:00 Warsaw (UTC+2) + 2 h, Easter Monday closed: Tuesday 10:00.
    expect(add('2026-04-03T14:00:00Z', 120, easter)).toBe('2026-04-07T08:00:00.000Z');
  });

  it('keeps opening hours on the wall clock across the spring change in Warsaw', () => {
    // Friday 27 March 16:00 CET + 2 h; clocks go forward on Sunday 29 March: Monday 10:00 CEST.
    expect(add('2026-03-27T15:00:00Z', 120)).toBe('2026-03-30T08:00:00.000Z');
    expect(businessMinutesBetween(at('2026-03-27T15:00:00Z'), at('2026-03-30T08:00:00Z'), warsaw)).toBe(120);
  });

  it('keeps opening hours on the wall clock across the autumn change in Tallinn', () => {
    // Friday 23 October 16:00 EEST (UTC+3) + 2 h; clocks go back on Sunday 25 October: Monday 10:00 EET.
    expect(add('2026-10-23T13:00:00Z', 120, tallinn)).toBe('2026-10-26T08:00:00.000Z');
  });

  it('counts the real length of a day the clocks change on when open all day', () => {
    const warsawAllDay = businessCalendar({ timeZone: 'Europe/Warsaw', days: ALL_DAY, holidays: [] });
    const tallinnAllDay = businessCalendar({ timeZone: 'Europe/Tallinn', days: ALL_DAY, holidays: [] });
    // Sunday 29 March in Warsaw, midnight to midnight: 23 hours.
    expect(businessMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), warsawAllDay)).toBe(
      23 * 60,
    );
    // Sunday 25 October in Tallinn, midnight to midnight: 25 hours.
    expect(
      businessMinutesBetween(at('2026-10-24T21:00:00Z'), at('2026-10-25T22:00:00Z'), tallinnAllDay),
    ).toBe(25 * 60);
    // Open around the clock, a business minute is a minute.
    expect(add('2026-03-28T23:30:00Z', 24 * 60, warsawAllDay)).toBe('2026-03-29T23:30:00.000Z');
  });

  it('opens at the shifted hour when the opening falls in the skipped hour', () => {
    const sundayNight = businessCalendar({
      timeZone: 'Europe/Warsaw',
      days: { '7': ['02:30', '05:00'] },
      holidays: [],
    });
    // 02:30 does not exist on 29 March; it reads as 03:30 CEST (01:30 UTC), and the day has 90 open minutes.
    expect(add('2026-03-28T12:00:00Z', 0, sundayNight)).toBe('2026-03-29T01:30:00.000Z');
    expect(add('2026-03-28T12:00:00Z', 90, sundayNight)).toBe('2026-03-29T03:00:00.000Z');
    expect(add('2026-03-28T12:00:00Z', 91, sundayNight)).toBe('2026-04-05T00:31:00.000Z');
  });

  it('uses each weekday its own hours', () => {
    const withSaturday = businessCalendar({
      timeZone: 'Europe/Warsaw',
      days: { ...WEEKDAYS_9_TO_17, '6': ['10:00', '14:00'] },
      holidays: [],
    });
    // Friday 16:30 + 2 h: 30 min Friday, 90 min Saturday from 10:00.
    expect(add('2026-03-06T15:30:00Z', 120, withSaturday)).toBe('2026-03-07T10:30:00.000Z');
  });

  it('measures the business minutes left between now and a deadline', () => {
    // Friday 16:00 to Monday 10:00 Warsaw: one hour each side of the weekend.
    expect(businessMinutesBetween(at('2026-03-06T15:00:00Z'), at('2026-03-09T09:00:00Z'), warsaw)).toBe(120);
    expect(businessMinutesBetween(at('2026-03-09T09:00:00Z'), at('2026-03-06T15:00:00Z'), warsaw)).toBe(0);
    // Over a whole week with a holiday: four days of eight hours.
    expect(businessMinutesBetween(at('2026-02-23T00:00:00Z'), at('2026-03-02T00:00:00Z'), tallinn)).toBe(
      4 * 8 * 60,
    );
  });

  it('gives back the minutes it added, from any moment of a fortnight', () => {
    for (let hour = 0; hour < 14 * 24; hour += 5) {
      const from = new Date(Date.UTC(2026, 2, 20) + hour * 3_600_000 + 17 * 60_000);
      for (const minutes of [1, 45, 480, 1000]) {
        const due = addBusinessMinutes(from, minutes, warsaw);
        expect(businessMinutesBetween(from, due, warsaw)).toBe(minutes);
      }
    }
  });

  it('runs around the clock when no weekday is open', () => {
    const none = businessCalendar({ timeZone: 'Europe/Warsaw', days: {}, holidays: [] });
    expect(add('2026-03-07T12:00:00Z', 90, none)).toBe('2026-03-07T13:30:00.000Z');
    expect(businessMinutesBetween(at('2026-03-07T12:00:00Z'), at('2026-03-07T13:30:00Z'), none)).toBe(90);
  });
});
