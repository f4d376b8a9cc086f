import type { ServiceTrendPoint } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { periodQuery, validateAnalyticsSearch } from './analytics-search.ts';
import { pointLabel } from './service-trends.tsx';
import { csvHref, everyMonth, trendRows } from './use-analytics.ts';

describe('the period in the address', () => {
  it('keeps a named range, or custom days, and drops anything else', () => {
    expect(validateAnalyticsSearch({ period: 'last_7_days', from: '2026-01-01' })).toEqual({
      period: 'last_7_days',
    });
    expect(validateAnalyticsSearch({ period: 'custom', from: '2026-01-01', to: 'soon' })).toEqual({
      period: 'custom',
      from: '2026-01-01',
    });
    expect(validateAnalyticsSearch({ period: 'last_year' })).toEqual({});
  });

  it('asks the API for the same period, and the CSV links too', () => {
    expect(periodQuery({ period: 'this_month' })).toBe('range=this_month');
    expect(periodQuery({ period: 'custom', from: '2026-01-01', to: '2026-01-31' })).toBe(
      'from=2026-01-01&to=2026-01-31',
    );
    // A custom range without both days is not asked for yet: the default period stays.
    expect(periodQuery({ period: 'custom', from: '2026-01-01' })).toBe('');
    expect(csvHref('service-trends', { period: 'last_month' })).toBe(
      '/api/analytics/service-trends?range=last_month&format=csv',
    );
    expect(csvHref('problems')).toBe('/api/analytics/problems?format=csv');
  });
});

const point = (start: string, values: Partial<ServiceTrendPoint>): ServiceTrendPoint => ({
  start,
  end: start,
  opened: null,
  backlog: null,
  responded: null,
  withinTarget: null,
  firstResponseMedian: null,
  firstResponseP90: null,
  resolved: null,
  resolutionMedian: null,
  resolutionP90: null,
  reopened: null,
  reopenRate: null,
  ...values,
});

describe('trend chart rows', () => {
  it('keeps a missing time a gap and a real zero a zero, with hours and percentages for the chart', () => {
    const rows = trendRows(
      [
        point('2026-02-02', { opened: 2, resolutionMedian: 90, reopenRate: 0.5 }),
        point('2026-02-03', { opened: 0, resolutionMedian: null }),
        point('2026-02-04', {}),
      ],
      (p) => p.start,
    );
    expect(rows.map((r) => [r.label, r.opened, r.resolutionMedian, r.reopenRate])).toEqual([
      ['2026-02-02', 2, 1.5, 50],
      ['2026-02-03', 0, null, null],
      ['2026-02-04', null, null, null],
    ]);
  });

  it('gives every month of the period a place, empty where it has no row', () => {
    const rows = [{ month: '2026-01', n: 3 }];
    expect(everyMonth(['2025-12', '2026-01', '2026-02'], rows, (r) => r?.n ?? null)).toEqual([
      { month: '2025-12', value: null },
      { month: '2026-01', value: 3 },
      { month: '2026-02', value: null },
    ]);
  });

  it('labels a day or a week by its first day and a month by its name', () => {
    expect(pointLabel({ start: '2026-02-02' }, 'day', 'pl')).toBe('2 lut');
    expect(pointLabel({ start: '2026-02-01' }, 'month', 'en')).toBe('Feb 2026');
  });
});
