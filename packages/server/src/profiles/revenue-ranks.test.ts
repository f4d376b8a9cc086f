import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { loadRevenueRanking, REVENUE_RANK_JOB } from './revenue-ranks.ts';

const DAY = 86_400_000;
const WINDOW_DAYS = 365;

describe.each(TEST_DATABASES)('revenue ranking on %s', (kind) => {
  let t: TestApp;
  const ids = { anna: newId(), ben: newId(), cleo: newId() };
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.database.db
      .insertInto('customers')
      .values(
        Object.entries(ids).map(([name, id]) => ({
          id,
          name,
          emails: [],
          phones: [],
          tags: [],
          updated_at: t.clock.now,
        })),
      )
      .execute();
  });
  afterAll(() => t.close());

  async function pay(customerId: string, minor: number, currency: string, daysAgo: number) {
    const paid = new Date(t.clock.now.getTime() - daysAgo * DAY);
    await t.database.db
      .insertInto('invoices')
      .values({
        id: newId(),
        customer_id: customerId,
        amount_minor: minor,
        currency,
        issued_at: paid,
        paid_at: paid,
        updated_at: paid,
      })
      .execute();
  }
  const rankOf = (customerId: string) =>
    loadRevenueRanking(t.database.db, customerId, t.clock.now, WINDOW_DAYS);

  it('places each customer among those paying in the same currency, inside the window only', async () => {
    await pay(ids.anna, 30_000, 'PLN', 10);
    await pay(ids.ben, 20_000, 'PLN', 20);
    await pay(ids.ben, 15_000, 'PLN', 30);
    await pay(ids.cleo, 90_000, 'PLN', WINDOW_DAYS + 5);
    await pay(ids.cleo, 5_000, 'EUR', 3);
    expect(await rankOf(ids.ben)).toEqual({
      currency: 'PLN',
      revenue: 350,
      rank: 1,
      payingCustomers: 2,
      totalRevenue: 650,
    });
    expect(await rankOf(ids.anna)).toMatchObject({ currency: 'PLN', rank: 2, payingCustomers: 2 });
    expect(await rankOf(ids.cleo)).toEqual({
      currency: 'EUR',
      revenue: 50,
      rank: 1,
      payingCustomers: 1,
      totalRevenue: 50,
    });
  });

  it('reads a new payment at once while ranking is quick', async () => {
    await pay(ids.anna, 10_000, 'PLN', 1);
    expect(await rankOf(ids.anna)).toMatchObject({ rank: 1, revenue: 400, totalRevenue: 750 });
  });

  it('reads the kept ranking and leaves the new one to a background job when ranking is slow', async () => {
    const db = t.database.db;
    await rankOf(ids.anna);
    // As a business of a hundred thousand paying customers would have it.
    await db
      .updateTable('revenue_rank_state')
      .set({ ranked_customers: 100_000 })
      .where('id', '=', 1)
      .execute();
    await pay(ids.ben, 50_000, 'PLN', 2);
    expect(await rankOf(ids.ben)).toMatchObject({ rank: 2, revenue: 350 });
    const queued = await db
      .selectFrom('jobs')
      .select('state')
      .where('name', '=', REVENUE_RANK_JOB)
      .where('schedule', 'is', null)
      .execute();
    expect(queued).toEqual([{ state: 'queued' }]);
  });
});
