import { addTo, amountsOf } from '@calmdesk/contracts';
import type { BookingStatus } from '../db/schema.ts';
import { brokenCustomerPromises, lateCancellationsAndNoShows } from './client-types.ts';
import type { CustomerHistory } from './customer-history.ts';
import { DAY_MS } from './customer-history.ts';
import type { ProfileRules } from './profile-rules.ts';

/** Amounts per ISO currency code in major units, e.g. `{ PLN: 1200.5 }`: one total per currency. */
export type { MoneyByCurrency as Money } from '@calmdesk/contracts';

import type { MoneyByCurrency as Money } from '@calmdesk/contracts';

export interface ProfileStats {
  revenue: { last12Months: Money; total: Money };
  unpaid: { amount: Money; overdueAmount: Money; invoices: number; overdueInvoices: number };
  bookings: Record<BookingStatus, number> & {
    total: number;
    /** `late_cancelled` plus `cancelled` inside the notice period (computed from cancelled_at). */
    lateCancellations: number;
  };
  cases: { total: number; open: number; faultOurs: number; faultCustomer: number };
  incidents: { total: number; last12Months: number; violence: number };
  commitments: {
    customer: { kept: number; broken: number; open: number };
    us: { kept: number; broken: number; open: number };
  };
}

const YEAR_DAYS = 365;

/** The customer's numbers at a glance; pure, from the loaded history. */
export function summariseHistory(history: CustomerHistory, rules: ProfileRules, now: Date): ProfileStats {
  const yearAgo = now.getTime() - YEAR_DAYS * DAY_MS;
  const sums = {
    total: new Map<string, number>(),
    last12Months: new Map<string, number>(),
    unpaid: new Map<string, number>(),
    overdue: new Map<string, number>(),
  };
  let invoices = 0;
  let overdueInvoices = 0;
  for (const i of history.invoices) {
    if (i.paidAt) {
      addTo(sums.total, i.currency, i.minor);
      if (i.paidAt.getTime() >= yearAgo) addTo(sums.last12Months, i.currency, i.minor);
      continue;
    }
    invoices++;
    addTo(sums.unpaid, i.currency, i.minor);
    if (i.dueAt && i.dueAt.getTime() < now.getTime()) {
      overdueInvoices++;
      addTo(sums.overdue, i.currency, i.minor);
    }
  }
  const revenue = { last12Months: moneyOf(sums.last12Months), total: moneyOf(sums.total) };
  const unpaid = {
    amount: moneyOf(sums.unpaid),
    overdueAmount: moneyOf(sums.overdue),
    invoices,
    overdueInvoices,
  };
  const bookings = {
    booked: 0,
    attended: 0,
    cancelled: 0,
    late_cancelled: 0,
    no_show: 0,
    total: history.bookings.length,
    lateCancellations: lateCancellationsAndNoShows(history.bookings, rules.lateCancelNoticeHours, 0).late
      .length,
  };
  for (const b of history.bookings) bookings[b.status]++;
  const broken = new Set(brokenCustomerPromises(history.commitments, rules, now).map((c) => c.id));
  const commitments = {
    customer: { kept: 0, broken: 0, open: 0 },
    us: { kept: 0, broken: 0, open: 0 },
  };
  for (const c of history.commitments) {
    const side = commitments[c.who];
    if (c.status === 'kept') side.kept++;
    else if (c.status === 'missed' || broken.has(c.id)) side.broken++;
    else side.open++;
  }
  return {
    revenue,
    unpaid,
    bookings,
    cases: {
      total: history.cases.length,
      open: history.cases.filter((c) => c.status !== 'resolved' && c.status !== 'closed').length,
      faultOurs: history.cases.filter((c) => c.fault === 'ours').length,
      faultCustomer: history.cases.filter((c) => c.fault === 'customer').length,
    },
    incidents: {
      total: history.incidents.length,
      last12Months: history.incidents.filter((i) => i.createdAt.getTime() >= yearAgo).length,
      violence: history.incidents.filter((i) => i.flags.includes('threat_violence')).length,
    },
    commitments,
  };
}

function moneyOf(totals: Map<string, number>): Money {
  return Object.fromEntries(amountsOf(totals).map((a) => [a.currency, a.amount]));
}
