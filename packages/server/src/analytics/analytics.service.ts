import {
  type Amount,
  addTo,
  amountsOf,
  exponentOf,
  minorFrom,
  QUADRANTS,
  type Quadrant,
  toMajor,
} from '@calmdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Level } from '../db/schema.ts';
import type { Period } from './period.ts';

/**
 * Handling minutes per log entry, by kind: an estimate (nothing measures the time an agent spends), so a
 * tunable constant. Cost-to-serve is the sum over a customer's log entries in the period.
 */
export const HANDLING_MINUTES = { inbound: 2, outbound: 6, call: 8, note: 1 } as const;

/** The Pareto curve has at most this many points (the origin and one per percent of customers). */
export const PARETO_POINTS = 101;

const LEVEL_RANK = sql`CASE i.analysis->>'level' WHEN 'calm' THEN 0 WHEN 'upset' THEN 1 WHEN 'angry' THEN 2 WHEN 'hostile' THEN 3 END`;

const bounds = (period: Period) => ({
  from: sql`${period.from.toISOString()}::timestamptz`,
  to: sql`${period.to.toISOString()}::timestamptz`,
  tz: period.timeZone,
});

/**
 * Runs one analytics query with room to aggregate in memory: at PostgreSQL's default work_mem (4 MB) the
 * per-customer hash aggregates and sorts of a 100,000-customer business spill to disk and take twice as long.
 */
async function analyticsQuery<Row>(db: Db, query: RawBuilder<Row>): Promise<Row[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`SET LOCAL jit = off`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

/**
 * The body of a `paid` CTE, in one pass over the period's payments, in minor units: paid revenue per
 * customer in `currency` (rows with a customer_id), and the total of each currency the period's payments
 * use (rows without one). No sum crosses currencies.
 */
const paidInPeriod = (period: Period, currency: string) => {
  const { from, to } = bounds(period);
  return sql`
      SELECT customer_id, currency,
        sum(amount_minor) FILTER (WHERE currency = ${currency}::text) AS revenue,
        CASE WHEN grouping(customer_id) = 1 THEN sum(amount_minor)::text END AS total
      FROM invoices
      WHERE paid_at >= ${from} AND paid_at < ${to}
      GROUP BY GROUPING SETS ((customer_id), (currency))`;
};

/** The currency a revenue figure is in: the one asked for, else the organisation's. */
/** The period's paid revenue of every currency, by code: `[{currency, amount}]` in major units. */
function totalsOf(rows: Array<{ currency: string; total: string }> | null): Amount[] {
  const totals = new Map<string, number>();
  for (const r of rows ?? []) addTo(totals, r.currency, minorFrom(r.total));
  return amountsOf(totals);
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export interface ParetoPoint {
  /** 1-based rank of the customer, by revenue, highest first (0 for the origin). */
  rank: number;
  /** rank / customers: the x axis, 0…1. */
  customerShare: number;
  cumulativeRevenue: number;
  currency: string;
  /** cumulativeRevenue / revenue: the y axis, 0…1. */
  revenueShare: number;
}

export interface RevenuePareto {
  /** The one currency of the curve: the one asked for, else the organisation's. */
  currency: string;
  /** Customers with positive paid revenue in `currency` in the period. */
  customers: number;
  /** Their paid revenue, in `currency`. */
  revenue: number;
  /** Customers in the top 20 % (ceil(customers × 0.2)) and the share of revenue they bring. */
  topCustomers: number;
  topShare: number | null;
  /** Currencies among the period's paid invoices, each a curve of its own (`?currency=`). */
  currencies: string[];
  /** The period's paid revenue in each of them, never added up across them. */
  totals: Amount[];
  points: ParetoPoint[];
}

/**
 * The 80/20 curve of paid revenue (invoices paid in the period) in one currency, downsampled to
 * ≤ 101 points: revenue in different currencies has no common measure without exchange rates.
 */
export async function revenuePareto(db: Db, period: Period, asked?: string): Promise<RevenuePareto> {
  const currency = asked ?? period.currency;
  const rows = await analyticsQuery(
    db,
    sql<{
      totals: Array<{ currency: string; total: string }> | null;
      rank: number | null;
      n: number | null;
      cumulative: string | number | null;
      total: string | number | null;
      is_point: boolean | null;
      is_top: boolean | null;
    }>`
    WITH paid AS (${paidInPeriod(period, currency)}
    ), per_customer AS (
      SELECT revenue FROM paid WHERE customer_id IS NOT NULL AND revenue > 0
    ), ranked AS (
      SELECT row_number() OVER w AS rank, count(*) OVER () AS n,
        sum(revenue) OVER (w ROWS UNBOUNDED PRECEDING) AS cumulative, sum(revenue) OVER () AS total
      FROM per_customer
      -- Customers with equal revenue swap places without changing any cumulative sum: no tie-break needed.
      WINDOW w AS (ORDER BY revenue DESC)
    ), picked AS (
      SELECT rank::int, n::int, cumulative::bigint, total::bigint,
        (rank = n OR (rank * 100) / n <> ((rank - 1) * 100) / n) AS is_point,
        rank = ceil(n * 0.2) AS is_top
      FROM ranked
      WHERE rank = n OR rank = ceil(n * 0.2) OR (rank * 100) / n <> ((rank - 1) * 100) / n
    )
    SELECT c.totals, p.*
    FROM (
      SELECT json_agg(json_build_object('currency', currency, 'total', total) ORDER BY currency) AS totals
      FROM paid WHERE customer_id IS NULL
    ) AS c
    LEFT JOIN picked AS p ON true
    ORDER BY p.rank`,
  );
  const first = rows[0];
  const customers = first?.n ?? 0;
  const revenue = first?.total == null ? 0 : minorFrom(first.total);
  const top = rows.find((r) => r.is_top);
  const points: ParetoPoint[] = customers
    ? [{ rank: 0, customerShare: 0, cumulativeRevenue: 0, revenueShare: 0, currency }]
    : [];
  for (const r of rows) {
    if (!r.is_point || r.rank === null || r.cumulative === null) continue;
    const cumulative = minorFrom(r.cumulative);
    points.push({
      rank: r.rank,
      customerShare: r.rank / customers,
      cumulativeRevenue: toMajor(cumulative, currency),
      revenueShare: cumulative / revenue,
      currency,
    });
  }
  const totals = totalsOf(first?.totals ?? null);
  return {
    currency,
    customers,
    revenue: toMajor(revenue, currency),
    topCustomers: top?.rank ?? 0,
    topShare: top?.cumulative != null ? minorFrom(top.cumulative) / revenue : null,
    currencies: totals.map((t) => t.currency),
    totals,
    points,
  };
}

export { QUADRANTS, type Quadrant };

export interface CostToServeRow {
  customerId: string;
  name: string;
  /** Cases opened in the period. */
  cases: number;
  /** Log entries in the period on any of the customer's cases, by kind. */
  interactions: { inbound: number; outbound: number; call: number; note: number };
  /** Estimated handling minutes (HANDLING_MINUTES × interactions). */
  minutes: number;
  /** Paid revenue in the period, in `currency`. */
  revenue: number;
  currency: string;
  quadrant: Quadrant;
}

export interface CostToServe {
  handlingMinutes: typeof HANDLING_MINUTES;
  /** The one currency of every revenue figure: the one asked for, else the organisation's. */
  currency: string;
  /** Customers with a case, a log entry or paid revenue (in `currency`) in the period. */
  customers: number;
  /** High revenue means revenue > median; high effort means minutes > median. */
  medians: { revenue: number; minutes: number; currency: string };
  quadrants: Record<Quadrant, { customers: number; revenue: number; minutes: number; currency: string }>;
  /** Currencies among the period's paid invoices, each a view of its own (`?currency=`). */
  currencies: string[];
  /** The period's paid revenue in each of them, never added up across them. */
  totals: Amount[];
  items: CostToServeRow[];
}

export type CostToServeSort = 'minutes' | 'revenue' | 'cases';
const COST_ORDER: Record<CostToServeSort, readonly string[]> = {
  minutes: ['minutes', 'revenue'],
  revenue: ['revenue', 'minutes'],
  cases: ['cases', 'minutes'],
};
/** `ORDER BY` for a sort, on columns of `alias`; ties end in the customer id, byte order (cheaper than a collation). */
const costOrder = (sort: CostToServeSort, alias: string) =>
  sql.raw(
    [...COST_ORDER[sort].map((c) => `${alias}.${c} DESC`), `${alias}.customer_id COLLATE "C"`].join(', '),
  );

/**
 * Cost-to-serve per customer with revenue, and the revenue × effort quadrant split at the medians.
 * `limit` bounds the rows (the summary always covers every customer); null returns them all.
 */
export async function costToServe(
  db: Db,
  period: Period,
  options: { sort?: CostToServeSort; limit?: number | null; currency?: string | undefined } = {},
): Promise<CostToServe> {
  const { from, to } = bounds(period);
  const m = HANDLING_MINUTES;
  const currency = options.currency ?? period.currency;
  const sort = options.sort ?? 'minutes';
  const rows = await analyticsQuery(
    db,
    sql<{
      customers: number;
      median_revenue: number | null;
      median_minutes: number | null;
      quadrants: Array<{ quadrant: Quadrant; customers: number; revenue: string; minutes: number }> | null;
      totals: Array<{ currency: string; total: string }> | null;
      customer_id: string | null;
      name: string | null;
      cases: number | null;
      inbound: number | null;
      outbound: number | null;
      call: number | null;
      note: number | null;
      minutes: number | null;
      revenue: string | number | null;
      quadrant: Quadrant | null;
    }>`
    WITH effort AS (
      SELECT c.customer_id,
        count(*) FILTER (WHERE i.kind = 'inbound')::int AS inbound,
        count(*) FILTER (WHERE i.kind = 'outbound')::int AS outbound,
        count(*) FILTER (WHERE i.kind = 'call')::int AS call,
        count(*) FILTER (WHERE i.kind = 'note')::int AS note
      FROM interactions AS i JOIN cases AS c ON c.id = i.case_id
      WHERE i.created_at >= ${from} AND i.created_at < ${to}
      GROUP BY c.customer_id
    ), opened AS (
      SELECT customer_id, count(*)::int AS cases
      FROM cases
      WHERE created_at >= ${from} AND created_at < ${to}
      GROUP BY customer_id
    ), paid AS (${paidInPeriod(period, currency)}
    ), revenue AS (
      SELECT customer_id, revenue FROM paid WHERE customer_id IS NOT NULL AND revenue IS NOT NULL
    ), joined AS (
      SELECT coalesce(e.customer_id, o.customer_id, r.customer_id) AS customer_id,
        coalesce(o.cases, 0) AS cases,
        coalesce(e.inbound, 0) AS inbound, coalesce(e.outbound, 0) AS outbound,
        coalesce(e.call, 0) AS call, coalesce(e.note, 0) AS note,
        (coalesce(e.inbound, 0) * ${m.inbound} + coalesce(e.outbound, 0) * ${m.outbound}
          + coalesce(e.call, 0) * ${m.call} + coalesce(e.note, 0) * ${m.note})::int AS minutes,
        coalesce(r.revenue, 0)::bigint AS revenue
      FROM effort AS e
      FULL JOIN opened AS o ON o.customer_id = e.customer_id
      FULL JOIN revenue AS r ON r.customer_id = coalesce(e.customer_id, o.customer_id)
    ), medians AS (
      SELECT count(*)::int AS customers,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue) AS median_revenue,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median_minutes
      FROM joined
    ), classified AS (
      SELECT j.*,
        CASE WHEN j.revenue > md.median_revenue THEN 'high_revenue_' ELSE 'low_revenue_' END
          || CASE WHEN j.minutes > md.median_minutes THEN 'high_effort' ELSE 'low_effort' END AS quadrant
      FROM joined AS j CROSS JOIN medians AS md
    ), summary AS (
      SELECT json_agg(q) AS quadrants FROM (
        SELECT quadrant, count(*)::int AS customers, sum(revenue)::text AS revenue,
          sum(minutes)::int AS minutes
        FROM classified GROUP BY quadrant
      ) AS q
    ), page AS (
      SELECT * FROM classified AS k
      ORDER BY ${costOrder(sort, 'k')}
      ${options.limit == null ? sql`` : sql`LIMIT ${options.limit}`}
    )
    SELECT md.customers, md.median_revenue, md.median_minutes, s.quadrants,
      (SELECT json_agg(json_build_object('currency', currency, 'total', total) ORDER BY currency)
        FROM paid WHERE customer_id IS NULL) AS totals,
      p.customer_id, cu.name, p.cases, p.inbound, p.outbound, p.call, p.note, p.minutes, p.revenue, p.quadrant
    FROM medians AS md CROSS JOIN summary AS s
    LEFT JOIN page AS p ON true
    LEFT JOIN customers AS cu ON cu.id = p.customer_id
    ORDER BY ${costOrder(sort, 'p')}`,
  );
  const head = rows[0];
  const quadrants = Object.fromEntries(
    QUADRANTS.map((q) => [q, { customers: 0, revenue: 0, minutes: 0, currency }]),
  ) as CostToServe['quadrants'];
  for (const q of head?.quadrants ?? []) {
    const revenue = toMajor(minorFrom(q.revenue), currency);
    quadrants[q.quadrant] = { customers: q.customers, revenue, minutes: q.minutes, currency };
  }
  const items: CostToServeRow[] = [];
  for (const r of rows) {
    if (r.customer_id === null || r.quadrant === null) continue;
    items.push({
      customerId: r.customer_id,
      name: r.name ?? '',
      cases: r.cases ?? 0,
      interactions: {
        inbound: r.inbound ?? 0,
        outbound: r.outbound ?? 0,
        call: r.call ?? 0,
        note: r.note ?? 0,
      },
      minutes: r.minutes ?? 0,
      revenue: toMajor(minorFrom(r.revenue ?? 0), currency),
      currency,
      quadrant: r.quadrant,
    });
  }
  const totals = totalsOf(head?.totals ?? null);
  return {
    handlingMinutes: HANDLING_MINUTES,
    currency,
    customers: head?.customers ?? 0,
    medians: {
      revenue: medianMajor(head?.median_revenue ?? 0, currency),
      minutes: head?.median_minutes ?? 0,
      currency,
    },
    quadrants,
    currencies: totals.map((t) => t.currency),
    totals,
    items,
  };
}

export interface DeEscalationRow {
  /** `YYYY-MM` of the case's creation; null in the per-agent totals. */
  month: string | null;
  /** The case's assignee, else the author of most outbound replies; null when neither exists. */
  agentId: string | null;
  agentName: string | null;
  /** Cases with ≥ 2 inbound messages that carry a level. */
  cases: number;
  /** Last inbound level lower than the first. */
  deescalated: number;
  unchanged: number;
  escalated: number;
  /** deescalated / cases. */
  rate: number | null;
}

/**
 * De-escalation per agent and month: of the cases opened in the period with at least two analysed
 * inbound messages, how many ended calmer than they started.
 */
export async function deEscalation(
  db: Db,
  period: Period,
): Promise<{ items: DeEscalationRow[]; byAgent: DeEscalationRow[] }> {
  const { from, to, tz } = bounds(period);
  const rows = await analyticsQuery(
    db,
    sql<{
      month: string | null;
      agent_id: string | null;
      agent_name: string | null;
      cases: number;
      deescalated: number;
      unchanged: number;
      escalated: number;
    }>`
    WITH scoped AS (
      SELECT id, assignee_id, to_char(date_trunc('month', created_at AT TIME ZONE ${tz}), 'YYYY-MM') AS month
      FROM cases
      WHERE created_at >= ${from} AND created_at < ${to}
    ), levels AS (
      SELECT i.case_id,
        (array_agg(${LEVEL_RANK} ORDER BY i.seq))[1] AS first_level,
        (array_agg(${LEVEL_RANK} ORDER BY i.seq DESC))[1] AS last_level
      FROM interactions AS i JOIN scoped AS s ON s.id = i.case_id
      WHERE i.kind = 'inbound' AND ${LEVEL_RANK} IS NOT NULL
      GROUP BY i.case_id
      HAVING count(*) >= 2
    ), replier AS (
      SELECT DISTINCT ON (i.case_id) i.case_id, i.author_id
      FROM interactions AS i JOIN levels AS l ON l.case_id = i.case_id
      WHERE i.kind = 'outbound' AND i.author_id IS NOT NULL
      GROUP BY i.case_id, i.author_id
      ORDER BY i.case_id, count(*) DESC, max(i.seq) DESC
    ), attributed AS (
      SELECT s.month, coalesce(s.assignee_id, r.author_id) AS agent_id, l.first_level, l.last_level
      FROM levels AS l JOIN scoped AS s ON s.id = l.case_id LEFT JOIN replier AS r ON r.case_id = l.case_id
    )
    SELECT a.month, a.agent_id, u.name AS agent_name, count(*)::int AS cases,
      count(*) FILTER (WHERE a.last_level < a.first_level)::int AS deescalated,
      count(*) FILTER (WHERE a.last_level = a.first_level)::int AS unchanged,
      count(*) FILTER (WHERE a.last_level > a.first_level)::int AS escalated
    FROM attributed AS a LEFT JOIN users AS u ON u.id = a.agent_id
    GROUP BY GROUPING SETS ((a.month, a.agent_id, u.name), (a.agent_id, u.name))
    ORDER BY a.month NULLS FIRST, u.name NULLS LAST, a.agent_id NULLS LAST`,
  );
  const present = (r: (typeof rows)[number]): DeEscalationRow => ({
    month: r.month,
    agentId: r.agent_id,
    agentName: r.agent_name,
    cases: r.cases,
    deescalated: r.deescalated,
    unchanged: r.unchanged,
    escalated: r.escalated,
    rate: ratio(r.deescalated, r.cases),
  });
  return {
    items: rows.filter((r) => r.month !== null).map(present),
    byAgent: rows.filter((r) => r.month === null).map(present),
  };
}

export interface ResponseTimeRow {
  month: string;
  /** The level of the case's first inbound message (else the case's level); `all` sums the month. */
  level: Level | 'unknown' | 'all';
  /** Cases opened in the month. */
  cases: number;
  /** …of which answered (first_responded_at set). */
  responded: number;
  /** …answered by the first-response due time. */
  withinTarget: number;
  /** Minutes from opening to the first response, over the answered cases (wall-clock minutes). */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** First-response times per month, overall (`level: 'all'`) and per level, for cases opened in the period. */
export async function responseTimes(db: Db, period: Period): Promise<{ items: ResponseTimeRow[] }> {
  const { from, to, tz } = bounds(period);
  const rows = await analyticsQuery(
    db,
    sql<{
      month: string;
      level: string | null;
      is_all: boolean;
      cases: number;
      responded: number;
      within_target: number;
      median: number | null;
      p90: number | null;
    }>`
    WITH scoped AS (
      SELECT to_char(date_trunc('month', c.created_at AT TIME ZONE ${tz}), 'YYYY-MM') AS month,
        coalesce(
          (SELECT i.analysis->>'level' FROM interactions AS i
            WHERE i.case_id = c.id AND i.kind = 'inbound' ORDER BY i.seq LIMIT 1),
          c.level,
          'unknown'
        ) AS level,
        extract(epoch FROM c.first_responded_at - c.created_at) / 60 AS minutes,
        c.first_responded_at IS NOT NULL AS responded,
        c.first_responded_at <= c.first_response_due_at AS within_target
      FROM cases AS c
      WHERE c.created_at >= ${from} AND c.created_at < ${to}
    )
    SELECT month, level, grouping(level) = 1 AS is_all, count(*)::int AS cases,
      count(*) FILTER (WHERE responded)::int AS responded,
      count(*) FILTER (WHERE within_target)::int AS within_target,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90
    FROM scoped
    GROUP BY GROUPING SETS ((month), (month, level))
    ORDER BY month, is_all DESC,
      array_position(ARRAY['calm', 'upset', 'angry', 'hostile', 'unknown'], level)`,
  );
  return {
    items: rows.map((r) => ({
      month: r.month,
      level: r.is_all ? 'all' : ((r.level ?? 'unknown') as ResponseTimeRow['level']),
      cases: r.cases,
      responded: r.responded,
      withinTarget: r.within_target,
      medianMinutes: roundMinutes(r.median),
      p90Minutes: roundMinutes(r.p90),
    })),
  };
}

export interface CommitmentsRow {
  /** `YYYY-MM` of the due time; null in the per-`who` totals. */
  month: string | null;
  who: 'us' | 'customer';
  kept: number;
  missed: number;
  /** Still open after the due time. */
  overdueOpen: number;
  /** Open and not yet due: not counted in the rate. */
  pending: number;
  /** kept / (kept + missed + overdueOpen). */
  rate: number | null;
}

/** Commitments kept per month of their due time and per side, for commitments due in the period. */
export async function commitmentsKept(
  db: Db,
  period: Period,
  now: Date,
): Promise<{ items: CommitmentsRow[]; byWho: CommitmentsRow[] }> {
  const { from, to, tz } = bounds(period);
  const nowAt = sql`${now.toISOString()}::timestamptz`;
  const rows = await analyticsQuery(
    db,
    sql<{
      month: string | null;
      who: 'us' | 'customer';
      kept: number;
      missed: number;
      overdue: number;
      pending: number;
    }>`
    WITH scoped AS (
      SELECT who, status, due_at, to_char(date_trunc('month', due_at AT TIME ZONE ${tz}), 'YYYY-MM') AS month
      FROM commitments
      WHERE due_at >= ${from} AND due_at < ${to}
    )
    SELECT month, who,
      count(*) FILTER (WHERE status = 'kept')::int AS kept,
      count(*) FILTER (WHERE status = 'missed')::int AS missed,
      count(*) FILTER (WHERE status = 'open' AND due_at < ${nowAt})::int AS overdue,
      count(*) FILTER (WHERE status = 'open' AND due_at >= ${nowAt})::int AS pending
    FROM scoped
    GROUP BY GROUPING SETS ((month, who), (who))
    ORDER BY month NULLS FIRST, who DESC`,
  );
  const present = (r: (typeof rows)[number]): CommitmentsRow => ({
    month: r.month,
    who: r.who,
    kept: r.kept,
    missed: r.missed,
    overdueOpen: r.overdue,
    pending: r.pending,
    rate: ratio(r.kept, r.kept + r.missed + r.overdue),
  });
  return {
    items: rows.filter((r) => r.month !== null).map(present),
    byWho: rows.filter((r) => r.month === null).map(present),
  };
}

export interface AbuseExposureRow {
  /** null in the per-agent totals. */
  month: string | null;
  /**
   * The staff member the abuse reached: the case's assignee when it arrived, else whoever answered it
   * next (a reply or a call), else who holds the case now; null when nobody ever handled it.
   */
  agentId: string | null;
  agentName: string | null;
  incidents: number;
  /** Incidents at the `hostile` level. */
  hostile: number;
  cases: number;
  customers: number;
}

/**
 * Abusive messages that reached each staff member, per month. A message that came while nobody held
 * the case (a new case's first words, typically) reached the person who then handled it: the first of
 * us to answer it after it came, else the case's assignee.
 */
export async function abuseExposure(
  db: Db,
  period: Period,
): Promise<{ items: AbuseExposureRow[]; byAgent: AbuseExposureRow[] }> {
  const { from, to, tz } = bounds(period);
  const rows = await analyticsQuery(
    db,
    sql<{
      month: string | null;
      agent_id: string | null;
      agent_name: string | null;
      incidents: number;
      hostile: number;
      cases: number;
      customers: number;
    }>`
    WITH scoped AS (
      SELECT
        coalesce(
          i.target_user_id,
          (SELECT r.author_id FROM interactions AS r
            WHERE r.case_id = i.case_id AND r.kind IN ('outbound', 'call') AND r.author_id IS NOT NULL
              AND r.created_at >= i.created_at
            ORDER BY r.seq LIMIT 1),
          c.assignee_id
        ) AS target_user_id,
        i.case_id, i.customer_id, i.level,
        to_char(date_trunc('month', i.created_at AT TIME ZONE ${tz}), 'YYYY-MM') AS month
      FROM abuse_incidents AS i JOIN cases AS c ON c.id = i.case_id
      WHERE i.created_at >= ${from} AND i.created_at < ${to}
    )
    SELECT a.month, a.target_user_id AS agent_id, u.name AS agent_name, count(*)::int AS incidents,
      count(*) FILTER (WHERE a.level = 'hostile')::int AS hostile,
      count(DISTINCT a.case_id)::int AS cases, count(DISTINCT a.customer_id)::int AS customers
    FROM scoped AS a LEFT JOIN users AS u ON u.id = a.target_user_id
    GROUP BY GROUPING SETS ((a.month, a.target_user_id, u.name), (a.target_user_id, u.name))
    ORDER BY a.month NULLS FIRST, incidents DESC, u.name NULLS LAST, a.target_user_id`,
  );
  const present = (r: (typeof rows)[number]): AbuseExposureRow => ({
    month: r.month,
    agentId: r.agent_id,
    agentName: r.agent_name,
    incidents: r.incidents,
    hostile: r.hostile,
    cases: r.cases,
    customers: r.customers,
  });
  return {
    items: rows.filter((r) => r.month !== null).map(present),
    byAgent: rows.filter((r) => r.month === null).map(present),
  };
}

export interface ProblemsRow {
  /** null in the per-category totals. */
  month: string | null;
  category: string;
  /** Cases opened in the month that raised the category. */
  cases: number;
}

/** Problem categories raised by the cases opened in the period, per month. */
export async function problemsByCategory(
  db: Db,
  period: Period,
): Promise<{ items: ProblemsRow[]; byCategory: ProblemsRow[] }> {
  const { from, to, tz } = bounds(period);
  const rows = await analyticsQuery(
    db,
    sql<ProblemsRow>`
    WITH scoped AS (
      SELECT p.category, to_char(date_trunc('month', c.created_at AT TIME ZONE ${tz}), 'YYYY-MM') AS month
      FROM cases AS c CROSS JOIN LATERAL unnest(c.problems) AS p (category)
      WHERE c.created_at >= ${from} AND c.created_at < ${to}
    )
    SELECT month, category, count(*)::int AS cases
    FROM scoped
    GROUP BY GROUPING SETS ((month, category), (category))
    ORDER BY month NULLS FIRST, cases DESC, category`,
  );
  return {
    items: rows.filter((r) => r.month !== null),
    byCategory: rows.filter((r) => r.month === null),
  };
}

/** A median of minor units (whole, or halfway between two) in major units, written exactly. */
function medianMajor(minor: number, currency: string): number {
  const exponent = exponentOf(currency);
  return Number((minor / 10 ** exponent).toFixed(exponent + 1));
}

function roundMinutes(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
