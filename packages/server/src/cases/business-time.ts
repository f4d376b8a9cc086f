import { dateAt, dayOfWeek, instantAt } from '@calmdesk/analysis/zoned';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;
/**
 * How far ahead a deadline is looked for. With at least one open weekday and at most a year of holidays
 * (the settings' limit) an opening is always found well inside it; past it the clock runs around the clock.
 */
const SEARCH_DAYS = 3 * 366;

/** The business hours as the settings hold them: `HH:MM` opening and closing per ISO weekday ('1' Monday). */
export interface BusinessHoursInput {
  timeZone: string;
  days: Partial<Record<string, readonly [string, string]>>;
  holidays: ReadonlyArray<{ date: string }>;
}

/** Business hours ready for arithmetic: minutes of the day per weekday, holidays as day numbers. */
export interface BusinessCalendar {
  timeZone: string;
  /** Weekday 1–7 → [opening, closing] in minutes after midnight (closing up to 1440). Absent: closed. */
  hours: ReadonlyMap<number, readonly [number, number]>;
  /** Closed dates, as day numbers (days since 1970-01-01). */
  holidays: ReadonlySet<number>;
}

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

function dayNumberOf(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / (MINUTES_PER_DAY * MS_PER_MINUTE));
}

/**
 * The calendar of an organisation's business hours; a weekday whose closing is not after its opening is closed.
 * @example businessCalendar({ timeZone: 'Europe/Warsaw', days: { '1': ['09:00', '17:00'] }, holidays: [] })
 */
export function businessCalendar(input: BusinessHoursInput): BusinessCalendar {
  const hours = new Map<number, readonly [number, number]>();
  for (const [weekday, span] of Object.entries(input.days)) {
    if (!span) continue;
    const open = minutesOf(span[0]);
    const close = minutesOf(span[1]);
    if (close > open) hours.set(Number(weekday), [open, close]);
  }
  return {
    timeZone: input.timeZone,
    hours,
    holidays: new Set(input.holidays.map((h) => dayNumberOf(h.date))),
  };
}

/** The open stretches [start, end) in epoch milliseconds from `from` on, the first cut to start at `from`. */
function* openStretches(from: number, calendar: BusinessCalendar): Generator<[number, number]> {
  const first = dateAt(from, calendar.timeZone);
  for (let day = first; day < first + SEARCH_DAYS; day++) {
    if (calendar.holidays.has(day)) continue;
    const span = calendar.hours.get(dayOfWeek(day));
    if (!span) continue;
    // Wall-clock times each day: an opening hour is the same hour on either side of a DST change.
    const start = instantAt(day, Math.floor(span[0] / 60), span[0] % 60, calendar.timeZone);
    const end =
      span[1] >= MINUTES_PER_DAY
        ? instantAt(day + 1, 0, 0, calendar.timeZone)
        : instantAt(day, Math.floor(span[1] / 60), span[1] % 60, calendar.timeZone);
    if (end <= from) continue;
    yield [Math.max(start, from), end];
  }
}

/**
 * The instant `minutes` business minutes after `from`: the clock runs only while the business is open,
 * so a message that arrives after closing starts it at the next opening. With no open weekday at all it
 * runs around the clock.
 * @example addBusinessMinutes(new Date('2026-03-06T16:00:00Z'), 60, warsawNineToFive) // Monday 09:00 Warsaw
 */
export function addBusinessMinutes(from: Date, minutes: number, calendar: BusinessCalendar): Date {
  const start = from.getTime();
  let left = Math.max(0, minutes) * MS_PER_MINUTE;
  if (calendar.hours.size > 0) {
    for (const [open, close] of openStretches(start, calendar)) {
      if (left <= close - open) return new Date(open + left);
      left -= close - open;
    }
  }
  return new Date(start + Math.max(0, minutes) * MS_PER_MINUTE);
}

/**
 * The business minutes between two instants (0 when `to` is not after `from`); fractions of a minute kept.
 * @example businessMinutesBetween(fridayAt16, mondayAt10, warsawNineToFive) // 120
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (calendar.hours.size === 0) return (end - start) / MS_PER_MINUTE;
  let total = 0;
  for (const [open, close] of openStretches(start, calendar)) {
    if (open >= end) break;
    total += Math.min(close, end) - open;
  }
  return total / MS_PER_MINUTE;
}
