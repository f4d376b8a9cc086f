import type { PeriodQuery, PeriodRange } from '@calmdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { getSettings } from '../settings/settings.service.ts';

/** The period every analytics figure covers: `[from, to)`, months named in the organisation's time zone. */
export interface Period {
  from: Date;
  to: Date;
  timeZone: string;
  /** The organisation's currency: the revenue figures' currency unless one is asked for. */
  currency: string;
  /** Every month the period touches, `YYYY-MM`, oldest first: the x axis of a monthly chart. */
  months: string[];
}

const MAX_YEARS = 10;
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * A named range as days in the organisation's time zone: `[first day, day after the last)`. The last
 * N days and this month end with today, so no day still to come is drawn as a day without cases.
 */
function rangeBounds(
  range: PeriodRange,
  nowAt: string,
  timeZone: string,
): [RawBuilder<Date>, RawBuilder<Date>] {
  const today = sql`(${nowAt}::timestamptz AT TIME ZONE ${timeZone})::date`;
  const dayStart = (day: RawBuilder<unknown>) => sql<Date>`((${day})::timestamp AT TIME ZONE ${timeZone})`;
  const month = sql`date_trunc('month', ${nowAt}::timestamptz AT TIME ZONE ${timeZone})`;
  const tomorrow = dayStart(sql`${today} + 1`);
  switch (range) {
    case 'last_7_days':
      return [dayStart(sql`${today} - 6`), tomorrow];
    case 'last_30_days':
      return [dayStart(sql`${today} - 29`), tomorrow];
    case 'last_90_days':
      return [dayStart(sql`${today} - 89`), tomorrow];
    case 'this_month':
      return [dayStart(month), tomorrow];
    case 'last_month':
      return [dayStart(sql`${month} - interval '1 month'`), dayStart(month)];
  }
}

/**
 * Turns `range`, or `from`/`to`, into instants (days in the organisation's time zone); the default is the
 * last 12 months.
 */
export async function resolvePeriod(
  db: Db,
  query: Pick<PeriodQuery, 'from' | 'to' | 'range'>,
  now: Date,
): Promise<Period> {
  const { timeZone, compensationPolicy } = await getSettings(db);
  const nowAt = now.toISOString();
  if (query.range && (query.from || query.to)) {
    throw new AppError('bad_request', 'send a range or from/to, not both', 'query.range', {
      reason: 'range_with_dates',
    });
  }
  const named = query.range ? rangeBounds(query.range, nowAt, timeZone) : null;
  const from: RawBuilder<Date> = named
    ? named[0]
    : query.from
      ? isDay(query.from)
        ? sql`(${query.from}::date::timestamp AT TIME ZONE ${timeZone})`
        : sql`${query.from}::timestamptz`
      : sql`((date_trunc('month', ${nowAt}::timestamptz AT TIME ZONE ${timeZone}) - interval '11 months') AT TIME ZONE ${timeZone})`;
  const to: RawBuilder<Date> = named
    ? named[1]
    : query.to
      ? isDay(query.to)
        ? sql`((${query.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`
        : sql`${query.to}::timestamptz`
      : sql`${nowAt}::timestamptz`;
  const { rows } = await sql<{ from: Date; to: Date; months: string[] }>`
    WITH bounds AS (SELECT ${from} AS from_at, ${to} AS to_at)
    SELECT from_at AS "from", to_at AS "to",
      array(
        SELECT to_char(m, 'YYYY-MM')
        FROM generate_series(
          date_trunc('month', from_at AT TIME ZONE ${timeZone}),
          -- A period past MAX_YEARS is refused below; its months are not worth listing first.
          (least(to_at, from_at + interval '11 years') AT TIME ZONE ${timeZone}) - interval '1 microsecond',
          interval '1 month'
        ) AS m
      ) AS months
    FROM bounds`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the period query returned no row');
  const period = {
    from: new Date(row.from),
    to: new Date(row.to),
    timeZone,
    currency: compensationPolicy.currency,
    months: row.months,
  };
  if (period.from >= period.to)
    throw new AppError('bad_request', 'from must come before to', 'query.from', {
      reason: 'period_reversed',
    });
  if (period.to.getTime() - period.from.getTime() > MAX_YEARS * 366 * 86_400_000) {
    throw new AppError('bad_request', `a period is at most ${MAX_YEARS} years`, 'query.from', {
      reason: 'period_too_long',
      limit: MAX_YEARS,
    });
  }
  return period;
}

/** The period as the API reports it. */
export function presentPeriod(period: Period) {
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    timeZone: period.timeZone,
    months: period.months,
  };
}
