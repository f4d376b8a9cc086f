import type { CustomerHistory } from './customer-history.ts';

/** The history of `customer` with nothing in it but what `partial` sets. */
export function customerHistory(
  customer: CustomerHistory['customer'],
  partial: Partial<CustomerHistory> = {},
): CustomerHistory {
  return {
    customer,
    cases: [],
    interactions: [],
    bookings: [],
    invoices: [],
    commitments: [],
    incidents: [],
    revenueRanking: { currency: null, revenue: 0, rank: null, payingCustomers: 0, totalRevenue: 0 },
    ...partial,
  };
}
