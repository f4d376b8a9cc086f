import { z } from 'zod';
import { DaySchema, InstantInputSchema } from './common.ts';
import { INTERACTION_KINDS, LEVELS, PARTIES, PERIOD_RANGES, QUADRANTS, TREND_BUCKETS } from './enums.ts';
import { AmountSchema, CurrencyAmountSchema, CurrencySchema } from './money.ts';

/** A day (`2026-01-31`, in the organisation's time zone) or an instant with its offset. */
const BoundSchema = z.union([DaySchema, InstantInputSchema]);

export const PeriodQuerySchema = z.strictObject({
  /** A named period instead of `from`/`to` (sending both is refused). */
  range: z.enum(PERIOD_RANGES).optional(),
  /** First day (or instant) included; default the first day of the month 11 months ago. */
  from: BoundSchema.optional(),
  /** Last day included (or instant excluded); default now. */
  to: BoundSchema.optional(),
  /** CSV also when the Accept header names text/csv and `format` is absent. */
  format: z.enum(['json', 'csv']).optional(),
});
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

export const ParetoQuerySchema = PeriodQuerySchema.extend({ currency: CurrencySchema.optional() });
export const CostQuerySchema = PeriodQuerySchema.extend({
  currency: CurrencySchema.optional(),
  sort: z.enum(['minutes', 'revenue', 'cases']).default('minutes'),
  /** Rows in the JSON answer; the CSV export has every customer. */
  limit: z.coerce.number().int().min(1).max(5_000).default(200),
});

/** The period every figure covers: `[from, to)`, months named in the organisation's time zone. */
export const AnalyticsPeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** Every month the period touches, `YYYY-MM`, oldest first. */
  months: z.array(z.string()),
});
export type AnalyticsPeriod = z.infer<typeof AnalyticsPeriodSchema>;

const withPeriod = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ period: AnalyticsPeriodSchema, ...shape });

export const ParetoPointSchema = z.object({
  /** 1-based rank of the customer, by revenue, highest first (0 for the origin). */
  rank: z.number(),
  /** rank / customers: the x axis, 0…1. */
  customerShare: z.number(),
  cumulativeRevenue: AmountSchema,
  /** cumulativeRevenue / revenue: the y axis, 0…1. */
  revenueShare: z.number(),
  currency: z.string(),
});

export const RevenueParetoSchema = withPeriod({
  /** The curve's one currency (`?currency=`, else the organisation's). */
  currency: z.string(),
  /** Customers with positive paid revenue in the period. */
  customers: z.number(),
  revenue: AmountSchema,
  /** Customers in the top 20 % and the share of revenue they bring. */
  topCustomers: z.number(),
  topShare: z.number().nullable(),
  /** Currencies among the period's paid invoices. */
  currencies: z.array(z.string()),
  /** The period's paid revenue in each currency. */
  totals: z.array(CurrencyAmountSchema),
  points: z.array(ParetoPointSchema),
});
export type RevenuePareto = z.infer<typeof RevenueParetoSchema>;

export const QuadrantSchema = z.enum(QUADRANTS);
const byKind = <T extends z.ZodType>(value: T) =>
  z.object(
    Object.fromEntries(INTERACTION_KINDS.map((kind) => [kind, value])) as Record<
      (typeof INTERACTION_KINDS)[number],
      T
    >,
  );

export const CostToServeRowSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  /** Cases opened in the period. */
  cases: z.number(),
  /** Log entries in the period on any of the customer's cases, by kind. */
  interactions: byKind(z.number()),
  /** Estimated handling minutes (`handlingMinutes` × interactions). */
  minutes: z.number(),
  /** Paid revenue in the period, in `currency`. */
  revenue: AmountSchema,
  currency: z.string(),
  quadrant: QuadrantSchema,
});
export type CostToServeRow = z.infer<typeof CostToServeRowSchema>;

const QuadrantTotalsSchema = z.object({
  customers: z.number(),
  revenue: AmountSchema,
  minutes: z.number(),
  currency: z.string(),
});

export const CostToServeSchema = withPeriod({
  /** The one currency of every revenue figure. */
  currency: z.string(),
  /** Minutes one interaction of each kind is taken to cost. */
  handlingMinutes: byKind(z.number()),
  /** Customers with a case, a log entry or paid revenue in the period. */
  customers: z.number(),
  /** High revenue means revenue > median; high effort means minutes > median. */
  medians: z.object({ revenue: AmountSchema, minutes: z.number(), currency: z.string() }),
  quadrants: z.object(
    Object.fromEntries(QUADRANTS.map((q) => [q, QuadrantTotalsSchema])) as Record<
      (typeof QUADRANTS)[number],
      typeof QuadrantTotalsSchema
    >,
  ),
  currencies: z.array(z.string()),
  totals: z.array(CurrencyAmountSchema),
  items: z.array(CostToServeRowSchema),
});
export type CostToServe = z.infer<typeof CostToServeSchema>;

const MonthSchema = z.string().nullable();

export const DeEscalationRowSchema = z.object({
  /** `YYYY-MM` of the case's creation; null in the per-agent totals. */
  month: MonthSchema,
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  cases: z.number(),
  deescalated: z.number(),
  unchanged: z.number(),
  escalated: z.number(),
  rate: z.number().nullable(),
});
export type DeEscalationRow = z.infer<typeof DeEscalationRowSchema>;
export const DeEscalationSchema = withPeriod({
  items: z.array(DeEscalationRowSchema),
  byAgent: z.array(DeEscalationRowSchema),
});

export const ResponseTimeRowSchema = z.object({
  month: z.string(),
  /** The level of the case's first inbound message (else the case's level); `all` sums the month. */
  level: z.enum([...LEVELS, 'unknown', 'all']),
  cases: z.number(),
  responded: z.number(),
  withinTarget: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});
export type ResponseTimeRow = z.infer<typeof ResponseTimeRowSchema>;
export const ResponseTimesSchema = withPeriod({ items: z.array(ResponseTimeRowSchema) });

export const CommitmentsRowSchema = z.object({
  /** `YYYY-MM` of the due time; null in the per-side totals. */
  month: MonthSchema,
  who: z.enum(PARTIES),
  kept: z.number(),
  missed: z.number(),
  overdueOpen: z.number(),
  pending: z.number(),
  rate: z.number().nullable(),
});
export type CommitmentsRow = z.infer<typeof CommitmentsRowSchema>;
export const CommitmentsKeptSchema = withPeriod({
  items: z.array(CommitmentsRowSchema),
  byWho: z.array(CommitmentsRowSchema),
});

export const AbuseExposureRowSchema = z.object({
  month: MonthSchema,
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  incidents: z.number(),
  hostile: z.number(),
  cases: z.number(),
  customers: z.number(),
});
export type AbuseExposureRow = z.infer<typeof AbuseExposureRowSchema>;
export const AbuseExposureSchema = withPeriod({
  items: z.array(AbuseExposureRowSchema),
  byAgent: z.array(AbuseExposureRowSchema),
});

export const ProblemsRowSchema = z.object({ month: MonthSchema, category: z.string(), cases: z.number() });
export type ProblemsRow = z.infer<typeof ProblemsRowSchema>;
export const ProblemsSchema = withPeriod({
  items: z.array(ProblemsRowSchema),
  byCategory: z.array(ProblemsRowSchema),
});

const Minutes = z.number().nullable();

/** One point of the service trends. Counts are null only for a stretch that has not happened yet. */
export const ServiceTrendPointSchema = z.object({
  /** The first day the point covers, `YYYY-MM-DD` in the organisation's time zone. */
  start: z.string(),
  /** The last day it covers (a week or month clipped to the period). */
  end: z.string(),
  /** Cases opened in it. */
  opened: z.number().nullable(),
  /** Cases still open (not resolved or closed) at its end, or now for the current one. */
  backlog: z.number().nullable(),
  /** Cases opened in it that had a first reply; within the first-response target. */
  responded: z.number().nullable(),
  withinTarget: z.number().nullable(),
  /** Wall-clock minutes from opening to the first reply; null when no case opened in it was answered. */
  firstResponseMedian: Minutes,
  firstResponseP90: Minutes,
  /** Resolutions in it (a case marked resolved or closed); minutes from its opening to that moment. */
  resolved: z.number().nullable(),
  resolutionMedian: Minutes,
  resolutionP90: Minutes,
  /** Of those resolutions, how many the customer reopened later (writing again, or staff reopening). */
  reopened: z.number().nullable(),
  reopenRate: z.number().nullable(),
});
export type ServiceTrendPoint = z.infer<typeof ServiceTrendPointSchema>;

const LevelMinutesSchema = z.object(
  Object.fromEntries(LEVELS.map((level) => [level, z.number()])) as Record<
    (typeof LEVELS)[number],
    z.ZodNumber
  >,
);

/** Resolutions in the period of cases at one level (or all), and how many came within its target. */
export const ResolutionTargetRowSchema = z.object({
  level: z.enum([...LEVELS, 'all']),
  resolved: z.number(),
  withinTarget: z.number(),
  /** withinTarget / resolved; null without resolutions. */
  share: z.number().nullable(),
});
export type ResolutionTargetRow = z.infer<typeof ResolutionTargetRowSchema>;

export const ServiceTrendsSchema = withPeriod({
  bucket: z.enum(TREND_BUCKETS),
  /**
   * The service levels the owner set, in business minutes by the customer's anger: to the first reply,
   * and from opening to resolution.
   */
  targets: z.object({ firstResponseMinutes: LevelMinutesSchema, resolutionMinutes: LevelMinutesSchema }),
  points: z.array(ServiceTrendPointSchema),
  /** The whole period as one point (backlog: at its end). */
  total: ServiceTrendPointSchema,
  /**
   * The period's resolutions per level of the case (its highest) and for all: how many within the
   * level's resolution target, in business minutes from opening.
   */
  resolutionTargets: z.array(ResolutionTargetRowSchema),
});
export type ServiceTrends = z.infer<typeof ServiceTrendsSchema>;

/** Every figure's JSON answer, by its path under `/api/analytics/`. */
export const ANALYTICS_ANSWERS = {
  'revenue-pareto': RevenueParetoSchema,
  'cost-to-serve': CostToServeSchema,
  'de-escalation': DeEscalationSchema,
  'response-times': ResponseTimesSchema,
  commitments: CommitmentsKeptSchema,
  'abuse-exposure': AbuseExposureSchema,
  problems: ProblemsSchema,
  'service-trends': ServiceTrendsSchema,
} as const;
export type AnalyticsReport = keyof typeof ANALYTICS_ANSWERS;
export type AnalyticsAnswers = { [R in AnalyticsReport]: z.infer<(typeof ANALYTICS_ANSWERS)[R]> };

/** Every figure also answers as CSV (`?format=csv` or `Accept: text/csv`). */
export const csvOr = <Json extends z.ZodType>(json: Json) => ({
  content: {
    'application/json': { schema: json },
    'text/csv': { schema: z.string().describe('One row per line, with a header row') },
  },
});
