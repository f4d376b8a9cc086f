import { PERIOD_RANGES, type PeriodRange } from '@calmdesk/contracts/enums';

/** The period picked on the analytics screen, as kept in its address (`?period=last_30_days`). */
export interface AnalyticsSearch {
  /** A named range, or `custom` with `from` and `to`; none: the last 12 months. */
  period?: PeriodRange | 'custom';
  from?: string;
  to?: string;
}

/** Every choice of the period picker, the default (the last 12 months) first. */
export const PERIOD_CHOICES = ['last_12_months', ...PERIOD_RANGES, 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Keeps what the address may say about the period, dropping anything else. */
export function validateAnalyticsSearch(search: Record<string, unknown>): AnalyticsSearch {
  const period = search.period;
  if (typeof period === 'string' && (PERIOD_RANGES as readonly string[]).includes(period)) {
    return { period: period as PeriodRange };
  }
  if (period === 'custom') {
    const day = (value: unknown) => (typeof value === 'string' && DAY.test(value) ? value : undefined);
    const from = day(search.from);
    const to = day(search.to);
    return { period: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  return {};
}

/** The API's query for a period: `range=…`, `from=…&to=…`, or nothing for the default. */
export function periodQuery(search: AnalyticsSearch): string {
  if (search.period && search.period !== 'custom') return `range=${search.period}`;
  if (search.period === 'custom' && search.from && search.to) return `from=${search.from}&to=${search.to}`;
  return '';
}
