import {
  ANALYTICS_ANSWERS,
  CostQuerySchema,
  csvOr,
  ParetoQuerySchema,
  type PeriodQuery,
  PeriodQuerySchema,
  type ServiceTrendPoint,
  withErrors,
} from '@calmdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { requireRole } from '../auth/actor.ts';
import type { AppContext } from '../http/context.ts';
import {
  type AbuseExposureRow,
  abuseExposure,
  type CommitmentsRow,
  type CostToServeRow,
  commitmentsKept,
  costToServe,
  type DeEscalationRow,
  deEscalation,
  type ParetoPoint,
  type ProblemsRow,
  problemsByCategory,
  type ResponseTimeRow,
  responseTimes,
  revenuePareto,
} from './analytics.service.ts';
import { type CsvColumn, toCsv } from './csv.ts';
import { type Period, presentPeriod, resolvePeriod } from './period.ts';
import { serviceTrends } from './service-trends.ts';

/** CSV when asked by `?format=csv` or, without `format`, by an Accept header naming text/csv. */
function wantsCsv(request: FastifyRequest, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return /(^|[\s,])text\/csv\b/i.test(request.headers.accept ?? '');
}

function day(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

function sendCsv<Row>(
  reply: FastifyReply,
  name: string,
  period: Period,
  columns: ReadonlyArray<CsvColumn<Row>>,
  rows: readonly Row[],
): FastifyReply {
  // `to` is exclusive: the file is named after the last day it covers.
  const last = day(new Date(period.to.getTime() - 1), period.timeZone);
  const filename = `calmdesk-${name}-${day(period.from, period.timeZone)}-to-${last}.csv`;
  return reply
    .header('content-type', 'text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('vary', 'accept')
    .send(toCsv(columns, rows));
}

const PARETO_CSV: Array<CsvColumn<ParetoPoint>> = [
  { header: 'rank', value: (r) => r.rank },
  { header: 'customer_share', value: (r) => r.customerShare },
  { header: 'cumulative_revenue', value: (r) => r.cumulativeRevenue },
  { header: 'currency', value: (r) => r.currency },
  { header: 'revenue_share', value: (r) => r.revenueShare },
];
const COST_CSV: Array<CsvColumn<CostToServeRow>> = [
  { header: 'customer_id', value: (r) => r.customerId },
  { header: 'name', value: (r) => r.name },
  { header: 'cases', value: (r) => r.cases },
  { header: 'inbound', value: (r) => r.interactions.inbound },
  { header: 'outbound', value: (r) => r.interactions.outbound },
  { header: 'calls', value: (r) => r.interactions.call },
  { header: 'notes', value: (r) => r.interactions.note },
  { header: 'handling_minutes', value: (r) => r.minutes },
  { header: 'revenue', value: (r) => r.revenue },
  { header: 'currency', value: (r) => r.currency },
  { header: 'quadrant', value: (r) => r.quadrant },
];
const DE_ESCALATION_CSV: Array<CsvColumn<DeEscalationRow>> = [
  { header: 'month', value: (r) => r.month ?? 'total' },
  { header: 'agent_id', value: (r) => r.agentId },
  { header: 'agent_name', value: (r) => r.agentName },
  { header: 'cases', value: (r) => r.cases },
  { header: 'deescalated', value: (r) => r.deescalated },
  { header: 'unchanged', value: (r) => r.unchanged },
  { header: 'escalated', value: (r) => r.escalated },
  { header: 'rate', value: (r) => r.rate },
];
const RESPONSE_CSV: Array<CsvColumn<ResponseTimeRow>> = [
  { header: 'month', value: (r) => r.month ?? 'total' },
  { header: 'level', value: (r) => r.level },
  { header: 'cases', value: (r) => r.cases },
  { header: 'responded', value: (r) => r.responded },
  { header: 'within_target', value: (r) => r.withinTarget },
  { header: 'median_minutes', value: (r) => r.medianMinutes },
  { header: 'p90_minutes', value: (r) => r.p90Minutes },
];
const COMMITMENTS_CSV: Array<CsvColumn<CommitmentsRow>> = [
  { header: 'month', value: (r) => r.month ?? 'total' },
  { header: 'who', value: (r) => r.who },
  { header: 'kept', value: (r) => r.kept },
  { header: 'missed', value: (r) => r.missed },
  { header: 'overdue_open', value: (r) => r.overdueOpen },
  { header: 'pending', value: (r) => r.pending },
  { header: 'rate', value: (r) => r.rate },
];
const ABUSE_CSV: Array<CsvColumn<AbuseExposureRow>> = [
  { header: 'month', value: (r) => r.month ?? 'total' },
  { header: 'agent_id', value: (r) => r.agentId },
  { header: 'agent_name', value: (r) => r.agentName },
  { header: 'incidents', value: (r) => r.incidents },
  { header: 'hostile', value: (r) => r.hostile },
  { header: 'cases', value: (r) => r.cases },
  { header: 'customers', value: (r) => r.customers },
];
const PROBLEMS_CSV: Array<CsvColumn<ProblemsRow>> = [
  { header: 'month', value: (r) => r.month ?? 'total' },
  { header: 'category', value: (r) => r.category },
  { header: 'cases', value: (r) => r.cases },
];

const TRENDS_CSV: Array<CsvColumn<ServiceTrendPoint>> = [
  { header: 'start', value: (r) => r.start },
  { header: 'end', value: (r) => r.end },
  { header: 'opened', value: (r) => r.opened },
  { header: 'backlog', value: (r) => r.backlog },
  { header: 'responded', value: (r) => r.responded },
  { header: 'within_target', value: (r) => r.withinTarget },
  { header: 'first_response_median_minutes', value: (r) => r.firstResponseMedian },
  { header: 'first_response_p90_minutes', value: (r) => r.firstResponseP90 },
  { header: 'resolved', value: (r) => r.resolved },
  { header: 'resolution_median_minutes', value: (r) => r.resolutionMedian },
  { header: 'resolution_p90_minutes', value: (r) => r.resolutionP90 },
  { header: 'reopened', value: (r) => r.reopened },
  { header: 'reopen_rate', value: (r) => r.reopenRate },
];

/** Management figures (PRODUCT.md item 10), each as JSON or CSV, for supervisors and owners. */
export function analyticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['analytics'];
    const begin = async (request: FastifyRequest, query: Pick<PeriodQuery, 'from' | 'to' | 'range'>) => {
      requireRole(request.actor, 'supervisor', 'read analytics');
      return resolvePeriod(ctx.db, query, ctx.now());
    };

    app.get(
      '/api/analytics/revenue-pareto',
      {
        schema: {
          tags,
          summary: '80/20 curve of paid revenue (supervisor)',
          querystring: ParetoQuerySchema,
          response: withErrors({ 200: csvOr(ANALYTICS_ANSWERS['revenue-pareto']) }),
        },
      },
      async (request, reply) => {
        const period = await begin(request, request.query);
        const result = await revenuePareto(ctx.db, period, request.query.currency);
        if (wantsCsv(request, request.query.format))
          return sendCsv(reply, 'revenue-pareto', period, PARETO_CSV, result.points);
        return { period: presentPeriod(period), ...result };
      },
    );
    app.get(
      '/api/analytics/cost-to-serve',
      {
        schema: {
          tags,
          summary: 'Cost-to-serve and revenue per customer, with the revenue × effort quadrant (supervisor)',
          querystring: CostQuerySchema,
          response: withErrors({ 200: csvOr(ANALYTICS_ANSWERS['cost-to-serve']) }),
        },
      },
      async (request, reply) => {
        const period = await begin(request, request.query);
        const { currency, sort, limit, format } = request.query;
        const csv = wantsCsv(request, format);
        const result = await costToServe(ctx.db, period, { currency, sort, limit: csv ? null : limit });
        if (csv) return sendCsv(reply, 'cost-to-serve', period, COST_CSV, result.items);
        return { period: presentPeriod(period), ...result };
      },
    );
    /** A figure over a period only: JSON, or CSV of `csvRows` of its result. */
    const periodFigure = <Name extends keyof typeof ANALYTICS_ANSWERS, Result extends object, Row>(
      name: Name,
      summary: string,
      compute: (
        period: Period,
      ) => Promise<Result & Omit<z.input<(typeof ANALYTICS_ANSWERS)[Name]>, 'period'>>,
      columns: ReadonlyArray<CsvColumn<Row>>,
      csvRows: (result: Result) => readonly Row[],
    ) =>
      app.get(
        `/api/analytics/${name}`,
        {
          schema: {
            tags,
            summary,
            querystring: PeriodQuerySchema,
            response: withErrors({ 200: csvOr(ANALYTICS_ANSWERS[name]) }),
          },
        },
        async (request, reply) => {
          const period = await begin(request, request.query);
          const result = await compute(period);
          if (wantsCsv(request, request.query.format))
            return sendCsv(reply, name, period, columns, csvRows(result));
          return { period: presentPeriod(period), ...result };
        },
      );
    periodFigure(
      'de-escalation',
      'De-escalation rate per agent and month (supervisor)',
      (period) => deEscalation(ctx.db, period),
      DE_ESCALATION_CSV,
      (r) => [...r.items, ...r.byAgent],
    );
    periodFigure(
      'response-times',
      'First-response times per month and level (supervisor)',
      (period) => responseTimes(ctx.db, period),
      RESPONSE_CSV,
      (r) => r.items,
    );
    periodFigure(
      'commitments',
      'Commitments kept per month and side (supervisor)',
      (period) => commitmentsKept(ctx.db, period, ctx.now()),
      COMMITMENTS_CSV,
      (r) => [...r.items, ...r.byWho],
    );
    periodFigure(
      'abuse-exposure',
      'Abuse reaching each agent per month (supervisor)',
      (period) => abuseExposure(ctx.db, period),
      ABUSE_CSV,
      (r) => [...r.items, ...r.byAgent],
    );
    periodFigure(
      'service-trends',
      'Case volume, backlog, first-response and resolution times and reopen rate per day, week or month (supervisor)',
      (period) => serviceTrends(ctx.db, period, ctx.now()),
      TRENDS_CSV,
      (r) => r.points,
    );
    periodFigure(
      'problems',
      'Problems by category per month (supervisor)',
      (period) => problemsByCategory(ctx.db, period),
      PROBLEMS_CSV,
      (r) => [...r.items, ...r.byCategory],
    );
  };
}
