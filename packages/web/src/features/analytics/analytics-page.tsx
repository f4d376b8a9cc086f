import '@mantine/charts/styles.css';
import type { Quadrant } from '@calmdesk/contracts';
import { BarChart, LineChart, ScatterChart } from '@mantine/charts';
import { Alert, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/use-format.ts';
import { useSession } from '../auth/session.ts';
import { AnalyticsChart, AnalyticsFigure, CHART_HEIGHT, DataTable } from './analytics-parts.tsx';
import type { AnalyticsSearch } from './analytics-search.ts';
import { PeriodPicker, ReopenFigure, TimesFigure, TrendSummary, VolumeFigure } from './service-trends.tsx';
import { everyMonth, formatMonth, groupForScatter, monthlyRates, useAnalytics } from './use-analytics.ts';

const analyticsRoute = getRouteApi('/analytics');

const QUADRANT_COLORS: Record<Quadrant, string> = {
  high_revenue_low_effort: 'teal.6',
  high_revenue_high_effort: 'blue.6',
  low_revenue_low_effort: 'gray.5',
  low_revenue_high_effort: 'orange.6',
};
const AGENT_COLORS = ['blue.6', 'teal.6', 'grape.6', 'orange.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.6'];

function ParetoFigure({ search }: { search: AnalyticsSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('revenue-pareto', search);
  const data = query.data;
  const points = (data?.points ?? []).map((p) => ({
    customers: Math.round(p.customerShare * 1000) / 10,
    revenue: Math.round(p.revenueShare * 1000) / 10,
  }));
  return (
    <AnalyticsFigure
      search={search}
      id="pareto"
      title={t('analytics.pareto')}
      report="revenue-pareto"
      query={query}
      headline={
        data && data.topShare !== null ? (
          <Text fw={600} data-testid="pareto-headline">
            {t('analytics.paretoHeadline', {
              customers: format.number(data.topCustomers),
              total: format.number(data.customers),
              share: format.percent(data.topShare),
            })}
          </Text>
        ) : undefined
      }
    >
      {data && data.currencies.length > (data.currencies.includes(data.currency) ? 1 : 0) && (
        <Text size="xs" c="dimmed">
          {t('analytics.oneCurrency', {
            currency: data.currency,
            totals: data.totals.map((a) => format.money(a.amount, a.currency)).join(' · '),
          })}
        </Text>
      )}
      {data && points.length > 1 && (
        <AnalyticsChart label={t('analytics.pareto')}>
          <LineChart
            h={CHART_HEIGHT}
            data={points}
            dataKey="customers"
            series={[{ name: 'revenue', label: t('analytics.revenueShare'), color: 'teal.6' }]}
            curveType="monotone"
            withDots={false}
            xAxisProps={{
              type: 'number',
              domain: [0, 100],
              ticks: [0, 20, 40, 60, 80, 100],
              tickFormatter: (v: number) => `${v} %`,
            }}
            yAxisProps={{ domain: [0, 100] }}
            xAxisLabel={t('analytics.customerShare')}
            yAxisLabel={t('analytics.revenueShare')}
            unit=" %"
            referenceLines={[{ x: 20, color: 'gray.6', label: '20 %' }]}
          />
        </AnalyticsChart>
      )}
      {data && points.length <= 1 && <Text c="dimmed">{t('analytics.noData')}</Text>}
    </AnalyticsFigure>
  );
}

function CostFigure({ search }: { search: AnalyticsSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('cost-to-serve', search);
  const data = query.data;
  const groups = groupForScatter(data?.items ?? []);
  const quadrants = data ? (Object.keys(data.quadrants) as Quadrant[]) : [];
  return (
    <AnalyticsFigure
      search={search}
      id="cost"
      title={t('analytics.cost')}
      report="cost-to-serve"
      hint={t('analytics.costHint')}
      query={query}
    >
      {data && data.items.length > 0 && (
        <AnalyticsChart label={t('analytics.costChart')}>
          <ScatterChart
            h={CHART_HEIGHT + 40}
            data={groups.map((g) => ({
              name: t(`analytics.quadrant.${g.quadrant}`),
              color: QUADRANT_COLORS[g.quadrant],
              data: g.points,
            }))}
            dataKey={{ x: 'minutes', y: 'revenue' }}
            xAxisProps={{ allowDecimals: false, padding: { left: 8, right: 16 } }}
            yAxisProps={{ tickFormatter: (v: number) => format.number(v), width: 64 }}
            xAxisLabel={t('analytics.minutes')}
            yAxisLabel={`${t('analytics.revenue')} (${data.currency})`}
            withLegend
            referenceLines={[
              { x: data.medians.minutes, color: 'gray.5' },
              { y: data.medians.revenue, color: 'gray.5' },
            ]}
            valueFormatter={{ x: (v) => format.number(v), y: (v) => format.number(v) }}
          />
        </AnalyticsChart>
      )}
      {data && (
        <DataTable
          head={[
            t('analytics.quadrantColumn'),
            t('analytics.customers'),
            t('analytics.revenue'),
            t('analytics.minutes'),
          ]}
          rows={quadrants.map((q) => [
            t(`analytics.quadrant.${q}`),
            format.number(data.quadrants[q].customers),
            format.money(data.quadrants[q].revenue, data.quadrants[q].currency),
            format.number(data.quadrants[q].minutes),
          ])}
        />
      )}
      {data && (
        <DataTable
          head={[
            t('analytics.customer'),
            t('analytics.cases'),
            t('analytics.minutes'),
            t('analytics.revenue'),
          ]}
          rows={data.items.slice(0, 10).map((r) => [
            <Link key="name" to="/customers/$id" params={{ id: r.customerId }}>
              {r.name}
            </Link>,
            format.number(r.cases),
            format.number(r.minutes),
            format.money(r.revenue, r.currency),
          ])}
        />
      )}
    </AnalyticsFigure>
  );
}

function DeEscalationFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('de-escalation', search);
  const data = query.data;
  const agentName = (name: string | null) => name ?? t('analytics.unassigned');
  const agents = [...new Set((data?.byAgent ?? []).map((r) => agentName(r.agentName)))];
  const months = data?.period.months ?? [];
  const chart = monthlyRates(months, data?.items ?? [], (r) => agentName(r.agentName), i18n.language);
  const pct = (rate: number | null) => (rate === null ? t('common.none') : format.percent(rate));
  return (
    <AnalyticsFigure
      search={search}
      id="deescalation"
      title={t('analytics.deEscalation')}
      report="de-escalation"
      hint={t('analytics.deEscalationHint')}
      query={query}
    >
      {data && agents.length > 0 && (
        <AnalyticsChart label={t('analytics.deEscalation')}>
          <BarChart
            h={CHART_HEIGHT}
            data={chart}
            dataKey="month"
            series={agents.map((name, i) => ({
              name,
              color: AGENT_COLORS[i % AGENT_COLORS.length] ?? 'blue.6',
            }))}
            unit=" %"
            yAxisProps={{ domain: [0, 100] }}
            withLegend
          />
        </AnalyticsChart>
      )}
      {data && (
        <DataTable
          head={[
            t('analytics.agent'),
            t('analytics.cases'),
            t('analytics.calmer'),
            t('analytics.same'),
            t('analytics.angrier'),
            t('analytics.rate'),
          ]}
          rows={data.byAgent.map((r) => [
            agentName(r.agentName),
            format.number(r.cases),
            format.number(r.deescalated),
            format.number(r.unchanged),
            format.number(r.escalated),
            pct(r.rate),
          ])}
        />
      )}
    </AnalyticsFigure>
  );
}

function ResponsesFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('response-times', search);
  const rows = (query.data?.items ?? []).filter((r) => r.level === 'all');
  const minutes = (v: number | null) => (v === null ? t('common.none') : format.number(v));
  return (
    <AnalyticsFigure
      search={search}
      id="responses"
      title={t('analytics.responses')}
      report="response-times"
      query={query}
    >
      {rows.some((r) => r.medianMinutes !== null) && (
        <AnalyticsChart label={t('analytics.responses')}>
          <LineChart
            h={CHART_HEIGHT}
            // Every month of the period, and a month without an answered case is a gap in the line, not a
            // zero and not a line drawn straight across it.
            data={everyMonth(query.data?.period.months ?? [], rows, (r) => r).map(({ month, value }) => ({
              month: formatMonth(month, i18n.language),
              median: value?.medianMinutes ?? null,
              p90: value?.p90Minutes ?? null,
            }))}
            dataKey="month"
            series={[
              { name: 'median', label: t('analytics.median'), color: 'blue.6' },
              { name: 'p90', label: t('analytics.p90'), color: 'orange.6' },
            ]}
            connectNulls={false}
            withLegend
          />
        </AnalyticsChart>
      )}
      {query.data && (
        <DataTable
          head={[
            t('analytics.month'),
            t('analytics.cases'),
            t('analytics.responded'),
            t('analytics.withinTarget'),
            t('analytics.median'),
            t('analytics.p90'),
          ]}
          rows={rows.map((r) => [
            formatMonth(r.month, i18n.language),
            format.number(r.cases),
            format.number(r.responded),
            format.number(r.withinTarget),
            minutes(r.medianMinutes),
            minutes(r.p90Minutes),
          ])}
        />
      )}
    </AnalyticsFigure>
  );
}

function CommitmentsFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('commitments', search);
  const data = query.data;
  const months = [...new Set((data?.items ?? []).map((r) => r.month ?? ''))].filter(Boolean).sort();
  const chart = monthlyRates(months, data?.items ?? [], (r) => r.who, i18n.language);
  return (
    <AnalyticsFigure
      search={search}
      id="commitments"
      title={t('analytics.commitments')}
      report="commitments"
      query={query}
    >
      {chart.length > 0 && (
        <AnalyticsChart label={t('analytics.commitments')}>
          <BarChart
            h={CHART_HEIGHT}
            data={chart}
            dataKey="month"
            series={[
              { name: 'us', label: t('analytics.whose.us'), color: 'teal.6' },
              { name: 'customer', label: t('analytics.whose.customer'), color: 'grape.6' },
            ]}
            unit=" %"
            yAxisProps={{ domain: [0, 100] }}
            withLegend
          />
        </AnalyticsChart>
      )}
      {data && (
        <DataTable
          head={[
            t('analytics.who'),
            t('analytics.kept'),
            t('analytics.missed'),
            t('analytics.overdueOpen'),
            t('analytics.rate'),
          ]}
          rows={data.byWho.map((r) => [
            t(`analytics.whose.${r.who}`),
            format.number(r.kept),
            format.number(r.missed),
            format.number(r.overdueOpen),
            r.rate === null ? t('common.none') : format.percent(r.rate),
          ])}
        />
      )}
    </AnalyticsFigure>
  );
}

function AbuseFigure({ search }: { search: AnalyticsSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('abuse-exposure', search);
  const rows = query.data?.byAgent ?? [];
  const agentName = (name: string | null) => name ?? t('analytics.unassigned');
  return (
    <AnalyticsFigure
      search={search}
      id="abuse"
      title={t('analytics.abuse')}
      report="abuse-exposure"
      query={query}
    >
      {rows.length > 0 && (
        <AnalyticsChart label={t('analytics.abuse')}>
          <BarChart
            h={Math.max(120, rows.length * 44 + 60)}
            data={rows.map((r) => ({
              agent: agentName(r.agentName),
              incidents: r.incidents,
              hostile: r.hostile,
            }))}
            dataKey="agent"
            orientation="vertical"
            yAxisProps={{ width: 130 }}
            xAxisProps={{ allowDecimals: false }}
            series={[
              { name: 'incidents', label: t('analytics.incidents'), color: 'orange.6' },
              { name: 'hostile', label: t('analytics.hostile'), color: 'red.7' },
            ]}
            withLegend
          />
        </AnalyticsChart>
      )}
      {query.data && (
        <DataTable
          head={[
            t('analytics.agent'),
            t('analytics.incidents'),
            t('analytics.hostile'),
            t('analytics.cases'),
            t('analytics.customers'),
          ]}
          rows={rows.map((r) => [
            agentName(r.agentName),
            format.number(r.incidents),
            format.number(r.hostile),
            format.number(r.cases),
            format.number(r.customers),
          ])}
        />
      )}
    </AnalyticsFigure>
  );
}

function ProblemsFigure({ search }: { search: AnalyticsSearch }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('problems', search);
  const rows = query.data?.byCategory ?? [];
  const label = (category: string) => t(`analytics.problem.${category}`, { defaultValue: category });
  return (
    <AnalyticsFigure
      search={search}
      id="problems"
      title={t('analytics.problems')}
      report="problems"
      query={query}
    >
      {rows.length > 0 && (
        <AnalyticsChart label={t('analytics.problems')}>
          <BarChart
            h={Math.max(120, rows.length * 36 + 40)}
            data={rows.map((r) => ({ category: label(r.category), cases: r.cases }))}
            dataKey="category"
            orientation="vertical"
            yAxisProps={{ width: 150 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'cases', label: t('analytics.cases'), color: 'blue.6' }]}
          />
        </AnalyticsChart>
      )}
      {query.data && (
        <DataTable
          head={[t('analytics.category'), t('analytics.cases')]}
          rows={rows.map((r) => [label(r.category), format.number(r.cases)])}
        />
      )}
    </AnalyticsFigure>
  );
}

export function AnalyticsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const role = useSession().data?.user.role;
  const search = analyticsRoute.useSearch();
  const trends = useAnalytics('service-trends', search);
  if (role !== 'supervisor' && role !== 'owner') {
    return <Alert color="gray">{t('analytics.supervisorOnly')}</Alert>;
  }
  const period = trends.data?.period;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h3">
            {t('analytics.title')}
          </Title>
          {period && (
            <Text size="sm" c="dimmed" data-testid="analytics-period">
              {t('analytics.period', {
                from: format.date(period.from),
                to: format.date(new Date(Date.parse(period.to) - 1).toISOString()),
              })}
            </Text>
          )}
        </Stack>
        {/* A new address remounts the picker, so its custom days follow the address. */}
        <PeriodPicker key={JSON.stringify(search)} search={search} error={trends.error} />
      </Group>
      <TrendSummary data={trends.data} />
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <VolumeFigure search={search} />
        <TimesFigure search={search} />
        <ReopenFigure search={search} />
        <ParetoFigure search={search} />
        <CostFigure search={search} />
        <DeEscalationFigure search={search} />
        <ResponsesFigure search={search} />
        <CommitmentsFigure search={search} />
        <AbuseFigure search={search} />
        <ProblemsFigure search={search} />
      </SimpleGrid>
    </Stack>
  );
}
