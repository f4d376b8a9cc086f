import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  AbuseExposureRow,
  AnalyticsPeriod,
  CommitmentsRow,
  CostToServe,
  DeEscalationRow,
  ProblemsRow,
  ResponseTimeRow,
  RevenuePareto,
} from '../../api/types.ts';

type WithPeriod<T> = T & { period: AnalyticsPeriod };

export interface AnalyticsAnswers {
  'revenue-pareto': RevenuePareto;
  'cost-to-serve': CostToServe;
  'de-escalation': WithPeriod<{ items: DeEscalationRow[]; byAgent: DeEscalationRow[] }>;
  'response-times': WithPeriod<{ items: ResponseTimeRow[] }>;
  commitments: WithPeriod<{ items: CommitmentsRow[]; byWho: CommitmentsRow[] }>;
  'abuse-exposure': WithPeriod<{ items: AbuseExposureRow[]; byAgent: AbuseExposureRow[] }>;
  problems: WithPeriod<{ items: ProblemsRow[]; byCategory: ProblemsRow[] }>;
}
export type AnalyticsReport = keyof AnalyticsAnswers;

/** One analytics figure for the default period (the last 12 months, in the organisation's zone). */
export function useAnalytics<R extends AnalyticsReport>(report: R) {
  return useQuery({
    queryKey: ['analytics', report],
    queryFn: () => api<AnalyticsAnswers[R]>('GET', `/api/analytics/${report}`),
    staleTime: 60_000,
  });
}

/** The same figure as a CSV file (the server names it after the period). */
export function csvHref(report: AnalyticsReport): string {
  return `/api/analytics/${report}?format=csv`;
}

/** `2026-03` in the interface language, e.g. "mar 2026" / "Mar 2026". */
export function formatMonth(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year, m - 1, 15),
  );
}

/** One chart point a month: the month's label and, per series, that month's rate as a whole percentage. */
export function monthlyRates<R extends { month: string | null; rate: number | null }>(
  months: readonly string[],
  rows: readonly R[],
  seriesOf: (row: R) => string,
  locale: string,
): Array<Record<string, string | number>> {
  return months.map((month) => {
    const point: Record<string, string | number> = { month: formatMonth(month, locale) };
    for (const r of rows) {
      if (r.month === month && r.rate !== null) point[seriesOf(r)] = Math.round(r.rate * 100);
    }
    return point;
  });
}

export interface ScatterGroup {
  key: string;
  points: Array<{ minutes: number; revenue: number }>;
  names: string[];
}

/** Groups customers for the revenue × effort chart: by their first client type, else by quadrant. */
export function groupForScatter(items: CostToServe['items']): ScatterGroup[] {
  const groups = new Map<string, ScatterGroup>();
  for (const item of items) {
    const key = item.types[0] ? `type:${item.types[0]}` : `quadrant:${item.quadrant}`;
    const group = groups.get(key) ?? { key, points: [], names: [] };
    group.points.push({ minutes: item.minutes, revenue: item.revenue });
    group.names.push(item.name);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}
