const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

export function isTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at an instant; cached per zone and quarter hour (imports ask often). */
function offsetMinutes(zone: string, utcMs: number): number {
  const key = `${zone}|${Math.floor(utcMs / 900_000)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant a wall-clock time in an IANA zone names. A time skipped by a DST jump moves forward by
 * the jump (02:30 on a spring-forward night is 03:30); a repeated one takes its first occurrence.
 *
 * @example zonedTimeToUtc({ year: 2026, month: 7, day: 1, hour: 12 }, 'Europe/Warsaw') // 10:00Z
 */
export function zonedTimeToUtc(
  t: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  zone: string,
): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  // Zones change offset at most once a day: the offsets a day either side are the only candidates.
  const before = wall - offsetMinutes(zone, wall - 86_400_000) * 60_000;
  const after = wall - offsetMinutes(zone, wall + 86_400_000) * 60_000;
  const fits = (utc: number) => utc + offsetMinutes(zone, utc) * 60_000 === wall;
  if (fits(before) && fits(after)) return new Date(Math.min(before, after));
  if (fits(after)) return new Date(after);
  return new Date(before);
}
