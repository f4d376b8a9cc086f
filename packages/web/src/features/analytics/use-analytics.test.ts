import { describe, expect, it } from 'vitest';
import type { CostToServeRow } from '../../api/types.ts';
import { formatMonth, groupForScatter, monthlyRates } from './use-analytics.ts';

const row = (name: string, quadrant: CostToServeRow['quadrant'], types: string[] = []) =>
  ({ customerId: name, name, minutes: 10, revenue: 100, quadrant, types }) as CostToServeRow;

describe('groupForScatter', () => {
  it('colours a customer by its first client type, and one without a type by its quadrant', () => {
    const groups = groupForScatter([
      row('Ala', 'low_revenue_high_effort', ['serial_canceller', 'abusive']),
      row('Ewa', 'high_revenue_low_effort'),
      row('Jan', 'high_revenue_low_effort'),
    ]);
    expect(groups.map((g) => [g.key, g.names])).toEqual([
      ['quadrant:high_revenue_low_effort', ['Ewa', 'Jan']],
      ['type:serial_canceller', ['Ala']],
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
