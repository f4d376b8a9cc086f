import type { AnalyticsAnswers, AnalyticsReport, CostToServe, Quadrant } from '@calmdesk/contracts';
import { QUADRANTS } from '@calmdesk/contracts/enums';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type { AnalyticsAnswers, AnalyticsReport };

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
  quadrant: Quadrant;
  points: Array<{ minutes: number; revenue: number }>;
  names: string[];
}

/** Groups customers for the revenue × effort chart by their quadrant, in the order of QUADRANTS. */
export function groupForScatter(items: CostToServe['items']): ScatterGroup[] {
  const groups = new Map<Quadrant, ScatterGroup>();
  for (const item of items) {
    const group = groups.get(item.quadrant) ?? { quadrant: item.quadrant, points: [], names: [] };
    group.points.push({ minutes: item.minutes, revenue: item.revenue });
    group.names.push(item.name);
    groups.set(item.quadrant, group);
  }
  return QUADRANTS.flatMap((quadrant) => groups.get(quadrant) ?? []);
}
