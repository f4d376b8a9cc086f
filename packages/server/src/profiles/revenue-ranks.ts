import { minorFrom, toMajor } from '@calmdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { kickJob } from '../jobs/jobs.service.ts';

export const REVENUE_RANK_JOB = 'revenue.rank';
const DAY_MS = 86_400_000;
/** A ranking older than this describes a window that has moved too far: it is ranked again. */
const RANK_TOLERANCE_MS = 15 * 60_000;
/**
 * A ranking of this many paying customers or fewer takes a few milliseconds: it is redone on the spot,
 * so a small business always reads exact figures.
 */
const INLINE_RANK_MAX_CUSTOMERS = 2_000;

/**
 * Where the customer stands among the paying customers of one currency (sums never cross currencies):
 * the currency in which the customer ranks highest, relative to the number of customers paying in it.
 */
export interface RevenueRanking {
  /** null when the customer paid nothing in the window. */
  currency: string | null;
  /** This customer's paid revenue in the window, in major units of `currency`. */
  revenue: number;
  /** 1 = the highest; null when the customer paid nothing in the window. */
  rank: number | null;
  /** Customers who paid in `currency` in the window. */
  payingCustomers: number;
  /** Their paid revenue, in major units of `currency`. */
  totalRevenue: number;
}

/**
 * The customer's place, read from the kept ranking. A ranking that no longer describes the invoices
 * (or the window) is redone first when it is cheap; when it is dear (a large business), the last one
 * is read and a background job ranks again, so opening a customer never waits for every invoice.
 */
export async function loadRevenueRanking(
  db: Db,
  customerId: string,
  now: Date,
  windowDays: number,
): Promise<RevenueRanking> {
  const state = await readState(db);
  if (!isCurrent(state, now, windowDays)) {
    if (state.ranked_version === null || (state.ranked_customers ?? 0) <= INLINE_RANK_MAX_CUSTOMERS)
      await rankRevenue(db, now, windowDays);
    else await kickJob(db, REVENUE_RANK_JOB, 3, now);
  }
  const rows = await db
    .selectFrom('revenue_ranks as r')
    .innerJoin('revenue_rank_totals as t', 't.currency', 'r.currency')
    .select(['r.currency', 'r.revenue_minor', 'r.rank', 't.paying_customers', 't.total_minor'])
    .where('r.customer_id', '=', customerId)
    .orderBy('r.currency')
    .execute();
  let best: RevenueRanking = { currency: null, revenue: 0, rank: null, payingCustomers: 0, totalRevenue: 0 };
  for (const row of rows) {
    if (best.rank !== null && row.rank / row.paying_customers >= best.rank / best.payingCustomers) continue;
    best = {
      currency: row.currency,
      revenue: toMajor(minorFrom(row.revenue_minor), row.currency),
      rank: row.rank,
      payingCustomers: row.paying_customers,
      totalRevenue: toMajor(minorFrom(row.total_minor), row.currency),
    };
  }
  return best;
}

/**
 * Ranks every customer who paid in the window, per currency, unless another ranking that is current
 * finished while this one waited for the lock. Returns whether it ranked.
 */
export async function rankRevenue(db: Db, now: Date, windowDays: number): Promise<boolean> {
  // Inside a caller's transaction (a boundary decision reads the customer's history in one) the
  // ranking becomes part of it: Kysely cannot open a transaction within a transaction.
  if (db.isTransaction) return rankWithin(db, now, windowDays);
  return db.transaction().execute((trx) => rankWithin(trx, now, windowDays));
}

async function rankWithin(trx: Db, now: Date, windowDays: number): Promise<boolean> {
  // The state row's lock lets one ranking run at a time; the next sees its result.
  const state = await readState(trx, true);
  if (isCurrent(state, now, windowDays)) return false;
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  await trx.deleteFrom('revenue_ranks').execute();
  await trx.deleteFrom('revenue_rank_totals').execute();
  await sql`
    INSERT INTO revenue_ranks (customer_id, currency, revenue_minor, rank)
    SELECT customer_id, currency, revenue,
      row_number() OVER (PARTITION BY currency ORDER BY revenue DESC, customer_id COLLATE "C")
    FROM (
      SELECT customer_id, currency, sum(amount_minor) AS revenue
      FROM invoices
      WHERE paid_at IS NOT NULL AND paid_at >= ${since} AND paid_at <= ${now}
      GROUP BY customer_id, currency
    ) AS paid
    WHERE revenue > 0`.execute(trx);
  await sql`
    INSERT INTO revenue_rank_totals (currency, paying_customers, total_minor)
    SELECT currency, count(*), sum(revenue_minor) FROM revenue_ranks GROUP BY currency`.execute(trx);
  const ranked = await trx
    .selectFrom('revenue_rank_totals')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('paying_customers'), eb.lit(0)).as('customers'))
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('revenue_rank_state')
    .set({
      ranked_version: state.invoices_version,
      ranked_at: now,
      window_days: windowDays,
      ranked_customers: Number(ranked.customers),
    })
    .where('id', '=', 1)
    .execute();
  return true;
}

interface RankState {
  invoices_version: number | string;
  ranked_version: number | string | null;
  ranked_at: Date | null;
  window_days: number | null;
  ranked_customers: number | null;
}

async function readState(db: Db, lock = false): Promise<RankState> {
  let query = db
    .selectFrom('revenue_rank_state')
    .select(['invoices_version', 'ranked_version', 'ranked_at', 'window_days', 'ranked_customers'])
    .where('id', '=', 1);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}

function isCurrent(state: RankState, now: Date, windowDays: number): boolean {
  return (
    state.ranked_version !== null &&
    String(state.ranked_version) === String(state.invoices_version) &&
    state.window_days === windowDays &&
    state.ranked_at !== null &&
    Math.abs(now.getTime() - state.ranked_at.getTime()) <= RANK_TOLERANCE_MS
  );
}
