/**
 * The project's calendar arithmetic on the platform's own Intl time zones (commitments here, imports
 * in the server): a wall clock in a time zone, and back. Dates are day numbers (days since
 * 1970-01-01); instants are epoch milliseconds. It answers as Temporal does (a property test compares
 * them, DST included), without a polyfill of Temporal in the bundle, whose loading was a fifth of the
 * engine's cold start.
 */

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the time zone when it is not one Intl knows (IANA names, such as Europe/Warsaw). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The UTC epoch milliseconds of a proleptic Gregorian date and time (years before 100 included). */
function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** Throws a RangeError naming the time zone when it is not an IANA time zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function isTimeZone(timeZone: string): boolean {
  try {
    assertTimeZone(timeZone);
    return true;
  } catch {
    return false;
  }
}

const QUARTER_HOUR = 900_000;
/** Offsets by zone and quarter hour, for quarter hours with no change inside: imports ask for thousands. */
const quarterOffsets = new Map<string, number>();
const QUARTER_OFFSETS_LIMIT = 100_000;

/** How far the wall clock of a time zone is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  const known = quarterOffsets.get(key);
  if (known !== undefined) return known;
  const offset = exactOffsetAt(epochMs, timeZone);
  // The same offset at both ends: no change inside (zones change at most once in far more than 15 minutes).
  const start = quarter * QUARTER_HOUR;
  if (
    exactOffsetAt(start, timeZone) === offset &&
    exactOffsetAt(start + QUARTER_HOUR - 1000, timeZone) === offset
  ) {
    if (quarterOffsets.size >= QUARTER_OFFSETS_LIMIT) quarterOffsets.clear();
    quarterOffsets.set(key, offset);
  }
  return offset;
}

function exactOffsetAt(epochMs: number, timeZone: string): number {
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) fields[part.type] = part.value;
  const year = fields.era === 'BC' ? 1 - Number(fields.year) : Number(fields.year);
  const wall = utcMillis(
    year,
    Number(fields.month),
    Number(fields.day),
    Number(fields.hour),
    Number(fields.minute),
    Number(fields.second),
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The wall-clock date (a day number) in a time zone at an instant. */
export function dateAt(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetAt(epochMs, timeZone)) / MS_PER_DAY);
}

/** Monday 1 to Sunday 7; day 0 (1970-01-01) was a Thursday. */
export function dayOfWeek(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The instant of a wall-clock time on a date in a time zone, as Temporal's `compatible`
 * disambiguation gives it: the earlier of two in a repeated hour, and a time in a skipped hour
 * read with the offset before the change (02:30 on a spring-forward night is 03:30).
 */
export function instantAt(day: number, hour: number, minute: number, timeZone: string, second = 0): number {
  const wall = day * MS_PER_DAY + (hour * 60 + minute) * MS_PER_MINUTE + second * 1000;
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const fitting = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall);
  return fitting.length > 0 ? Math.min(...fitting) : wall - before;
}

/** The day number of a calendar date (proleptic Gregorian). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(utcMillis(year, month, day) / MS_PER_DAY);
}

/** The instant of a wall-clock date and time in a time zone (instantAt, for calendar fields). */
export function wallTimeToInstant(
  t: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): number {
  return instantAt(dayNumber(t.year, t.month, t.day), t.hour ?? 0, t.minute ?? 0, timeZone, t.second ?? 0);
}

// Date (extended or basic), time to the hour, minute or second, then Z or an offset, then annotations.
const INSTANT =
  /^([+-]\d{6}|\d{4})-?(\d{2})-?(\d{2})[Tt ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)(?:\[[^\]]+\])*$/;

/** Instants Date can hold: ±100,000,000 days around 1970. */
const LARGEST_INSTANT = 8.64e15;

/**
 * Epoch milliseconds of an ISO 8601 instant: a date, a time and `Z` or an offset
 * (`2025-03-27T10:00:00Z`, `2025-03-27T11:00+01:00`), read to the millisecond. Throws a RangeError
 * naming the text otherwise.
 */
export function parseInstant(text: string): number {
  const match = INSTANT.exec(text);
  if (!match || match[1] === '-000000')
    throw new RangeError(`not an ISO 8601 instant with Z or an offset: ${text}`);
  const [, year, month, day, hour, minute = '0', second = '0', fraction = '', , sign, ...offsetParts] = match;
  const [m, d, h, min, s] = [month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const [oh, om, os] = offsetParts.map((part) => Number(part ?? 0)) as [number, number, number];
  // A leap second (60) reads as the second before it, as in Temporal.
  const utc = utcMillis(Number(year), m, d, h, min, Math.min(s, 59));
  const back = new Date(utc);
  const valid =
    back.getUTCMonth() + 1 === m &&
    back.getUTCDate() === d &&
    h < 24 &&
    min < 60 &&
    s <= 60 &&
    oh < 24 &&
    om < 60 &&
    os < 60;
  if (!valid) throw new RangeError(`not a valid date and time: ${text}`);
  const offset = sign ? (sign === '-' ? -1 : 1) * ((oh * 60 + om) * 60 + os) * 1000 : 0;
  const instant = utc + Number(fraction.padEnd(3, '0').slice(0, 3)) - offset;
  if (Math.abs(instant) > LARGEST_INSTANT) throw new RangeError(`an instant out of range: ${text}`);
  return instant;
}

/** An instant as Temporal prints it: UTC, seconds always, a fraction only when there is one. */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.?0*Z$/, 'Z');
}
