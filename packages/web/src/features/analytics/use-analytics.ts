import type {
  AnalyticsAnswers,
  AnalyticsReport,
  CostToServe,
  Quadrant,
  ServiceTrendPoint,
} from '@calmdesk/contracts';
import { QUADRANTS } from '@calmdesk/contracts/enums';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { type AnalyticsSearch, periodQuery } from './analytics-search.ts';

export type { AnalyticsAnswers, AnalyticsReport, AnalyticsSearch };

/** One analytics figure for the period picked (default: the last 12 months, in the organisation's zone). */
export function useAnalytics<R extends AnalyticsReport>(report: R, search: AnalyticsSearch = {}) {
  const query = periodQuery(search);
  return useQuery({
    queryKey: ['analytics', report, query],
    queryFn: () => api<AnalyticsAnswers[R]>('GET', `/api/analytics/${report}${query ? `?${query}` : ''}`),
    staleTime: 60_000,
  });
}

/** The same figure as a CSV file for the same period (the server names it after the period). */
export function csvHref(report: AnalyticsReport, search: AnalyticsSearch = {}): string {
  const query = periodQuery(search);
  return `/api/analytics/${report}?${query ? `${query}&` : ''}format=csv`;
}

/** Minutes as hours with one decimal, keeping a gap a gap. */
export function hoursOf(minutes: number | null): number | null {
  return minutes === null ? null : Math.round((minutes / 60) * 10) / 10;
}

/**
 * The trend chart's rows: one per point, labelled by its first day, each series null where the point has
 * no value (no case answered, a day still to come), so the line breaks there instead of dropping to zero.
 */
export function trendRows(
  points: readonly ServiceTrendPoint[],
  label: (point: ServiceTrendPoint) => string,
): Array<Record<string, string | number | null>> {
  return points.map((p) => ({
    label: label(p),
    opened: p.opened,
    resolved: p.resolved,
    backlog: p.backlog,
    firstResponseMedian: p.firstResponseMedian,
    firstResponseP90: p.firstResponseP90,
    resolutionMedian: hoursOf(p.resolutionMedian),
    resolutionP90: hoursOf(p.resolutionP90),
    reopenRate: p.reopenRate === null ? null : Math.round(p.reopenRate * 100),
  }));
}

/** Each month of the period with its row, or nulls for a month without one (a gap in a line chart). */
export function everyMonth<R extends { month: string | null }, V>(
  months: readonly string[],
  rows: readonly R[],
  value: (row: R | undefined) => V,
): Array<{ month: string; value: V }> {
  return months.map((month) => ({ month, value: value(rows.find((r) => r.month === month)) }));
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
