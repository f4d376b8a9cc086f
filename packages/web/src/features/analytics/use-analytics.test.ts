import type { CostToServeRow } from '@calmdesk/contracts';
import { describe, expect, it } from 'vitest';
import { formatMonth, groupForScatter, monthlyRates } from './use-analytics.ts';

const row = (name: string, quadrant: CostToServeRow['quadrant'], minutes = 10): CostToServeRow => ({
  customerId: name,
  name,
  cases: 1,
  interactions: { inbound: 1, outbound: 1, call: 0, note: 0 },
  minutes,
  revenue: 100,
  currency: 'PLN',
  quadrant,
});

describe('groupForScatter', () => {
  it('groups customers by quadrant, in the order of the quadrants, keeping each point', () => {
    const groups = groupForScatter([
      row('Ala', 'low_revenue_high_effort', 40),
      row('Ewa', 'high_revenue_low_effort', 5),
      row('Jan', 'high_revenue_low_effort', 7),
    ]);
    expect(groups.map((g) => [g.quadrant, g.names, g.points.map((p) => p.minutes)])).toEqual([
      ['high_revenue_low_effort', ['Ewa', 'Jan'], [5, 7]],
      ['low_revenue_high_effort', ['Ala'], [40]],
    ]);
  });
});

describe('formatMonth', () => {
  it('names a month in the interface language', () => {
    expect(formatMonth('2026-03', 'en')).toBe('Mar 2026');
    expect(formatMonth('2026-03', 'pl')).toMatch(/^mar 2026/);
  });
});

describe('monthlyRates', () => {
  it('gives every month a point, with each series as a whole percentage and no key for a missing rate', () => {
    const rows = [
      { month: '2026-01', who: 'us', rate: 0.666 },
      { month: '2026-01', who: 'customer', rate: null },
      { month: null, who: 'us', rate: 0.5 },
      { month: '2026-02', who: 'customer', rate: 1 },
    ];
    expect(monthlyRates(['2026-01', '2026-02', '2026-03'], rows, (r) => r.who, 'en')).toEqual([
      { month: 'Jan 2026', us: 67 },
      { month: 'Feb 2026', customer: 100 },
      { month: 'Mar 2026' },
    ]);
  });
});
