import { describe, expect, it } from 'vitest';
import { customerHistory } from './customer-history.test-helper.ts';
import type { HistoryInvoice } from './customer-history.ts';
import { DEFAULT_PROFILE_RULES } from './profile-rules.ts';
import { summariseHistory } from './profile-stats.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const day = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000);

function invoice(n: number, minor: number, currency: string, paid: boolean): HistoryInvoice {
  return {
    id: `i${n}`,
    externalId: null,
    minor,
    currency,
    issuedAt: day(40),
    dueAt: day(30),
    paidAt: paid ? day(20) : null,
  };
}

describe('profile stats', () => {
  it('totals each currency on its own, exactly, however many small amounts there are', () => {
    const invoices = [
      ...Array.from({ length: 1000 }, (_, n) => invoice(n, 10, 'PLN', true)),
      invoice(1000, 1999, 'EUR', true),
      invoice(1001, 1500, 'JPY', false),
      invoice(1002, 1234, 'KWD', false),
    ];
    const history = customerHistory({ id: 'c', name: 'Ola', language: 'pl', emails: [] }, { invoices });
    const stats = summariseHistory(history, DEFAULT_PROFILE_RULES, NOW);
    expect(stats.revenue.total).toEqual({ EUR: 19.99, PLN: 100 });
    expect(stats.revenue.last12Months).toEqual({ EUR: 19.99, PLN: 100 });
    expect(stats.unpaid).toEqual({
      amount: { JPY: 1500, KWD: 1.234 },
      overdueAmount: { JPY: 1500, KWD: 1.234 },
      invoices: 2,
      overdueInvoices: 2,
    });
  });
});
