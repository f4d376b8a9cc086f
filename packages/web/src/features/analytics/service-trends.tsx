import type { ResolutionTargetRow, ServiceTrendPoint, ServiceTrends, TrendBucket } from '@calmdesk/contracts';
import { LineChart } from '@mantine/charts';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors } from '../../api/errors.ts';
import { DateField } from '../../components/date-field.tsx';
import { useFormat } from '../../format/use-format.ts';
import { AnalyticsChart, AnalyticsFigure, CHART_HEIGHT, DataTable } from './analytics-parts.tsx';
import { type AnalyticsSearch, PERIOD_CHOICES, type PeriodChoice } from './analytics-search.ts';
import { hoursOf, trendRows, useAnalytics } from './use-analytics.ts';

/** A point's label: its day, the first day of its week, or its month, in the interface language. */
export function pointLabel(
  point: Pick<ServiceTrendPoint, 'start'>,
  bucket: TrendBucket,
  locale: string,
): string {
  const [year = 0, month = 1, day = 1] = point.start.split('-').map(Number);
  const at = Date.UTC(year, month - 1, day, 12);
  const options: Intl.DateTimeFormatOptions =
    bucket === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

/** The period picker: a named range or two days, kept in the address so a link shows the same figures. */
export function PeriodPicker({ search, error }: { search: AnalyticsSearch; error: unknown }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const choice: PeriodChoice = search.period ?? 'last_12_months';
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  const errors = formErrors(t, error, ['from', 'to', 'range']);
  const go = (next: AnalyticsSearch) => void navigate({ to: '/analytics', search: next });
  const pick = (value: string | null) => {
    if (!value) return;
    if (value === 'last_12_months') go({});
    else if (value === 'custom') go({ period: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) });
    else go({ period: value as AnalyticsSearch['period'] });
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    go({ period: 'custom', from, to });
  };
  return (
    <Group
      component="form"
      onSubmit={apply}
      align="flex-start"
      gap="sm"
      wrap="wrap"
      data-testid="period-picker"
    >
      <Select
        label={t('analytics.periodLabel')}
        data={PERIOD_CHOICES.map((c) => ({ value: c, label: t(`analytics.range.${c}`) }))}
        value={choice}
        onChange={pick}
        allowDeselect={false}
        w={220}
        error={errors.at('range')}
      />
      {choice === 'custom' && (
        <>
          <DateField
            label={t('analytics.from')}
            value={from}
            onChange={setFrom}
            required
            w={170}
            error={errors.at('from')}
          />
          <DateField
            label={t('analytics.to')}
            value={to}
            onChange={setTo}
            required
            w={170}
            error={errors.at('to')}
          />
          <Button type="submit" mt={25} disabled={!from || !to}>
            {t('analytics.apply')}
          </Button>
        </>
      )}
    </Group>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

/** The whole period in a few numbers: volume, backlog, times and reopens. */
export function TrendSummary({ data }: { data: ServiceTrends | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!data) return null;
  const total = data.total;
  const count = (v: number | null) => (v === null ? t('common.none') : format.number(v));
  const minutes = (v: number | null) =>
    v === null ? t('common.none') : t('analytics.minutesValue', { value: format.number(v) });
  const hours = (v: number | null) =>
    v === null ? t('common.none') : t('analytics.hoursValue', { value: format.number(hoursOf(v) ?? 0) });
  const share = (part: number | null, whole: number | null) =>
    part === null || !whole ? t('common.none') : format.percent(part / whole);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, xl: 7 }} spacing="xs" data-testid="trend-summary">
      <Stat testId="stat-opened" label={t('analytics.opened')} value={count(total.opened)} />
      <Stat testId="stat-resolved" label={t('analytics.resolved')} value={count(total.resolved)} />
      <Stat testId="stat-backlog" label={t('analytics.backlogNow')} value={count(total.backlog)} />
      <Stat
        testId="stat-first-response"
        label={t('analytics.firstResponseMedian')}
        value={minutes(total.firstResponseMedian)}
      />
      <Stat
        testId="stat-on-time"
        label={t('analytics.withinTarget')}
        value={share(total.withinTarget, total.responded)}
      />
      <Stat
        testId="stat-resolution"
        label={t('analytics.resolutionMedian')}
        value={hours(total.resolutionMedian)}
      />
      <Stat
        testId="stat-reopen"
        label={t('analytics.reopenRate')}
        value={total.reopenRate === null ? t('common.none') : format.percent(total.reopenRate)}
      />
    </SimpleGrid>
  );
}

/** Cases opened and resolved per point, and the backlog at its end. */
export function VolumeFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('service-trends', search);
  const data = query.data;
  const label = (p: ServiceTrendPoint) => (data ? pointLabel(p, data.bucket, i18n.language) : p.start);
  const count = (v: number | null) => (v === null ? t('common.none') : format.number(v));
  return (
    <AnalyticsFigure
      id="volume"
      title={t('analytics.volume')}
      report="service-trends"
      search={search}
      hint={data ? t(`analytics.per.${data.bucket}`) : undefined}
      query={query}
    >
      {data && data.points.length > 0 && (
        <AnalyticsChart label={t('analytics.volume')}>
          <LineChart
            h={CHART_HEIGHT}
            data={trendRows(data.points, label)}
            dataKey="label"
            series={[
              { name: 'opened', label: t('analytics.opened'), color: 'blue.6' },
              { name: 'resolved', label: t('analytics.resolved'), color: 'teal.6' },
              { name: 'backlog', label: t('analytics.backlog'), color: 'orange.6' },
            ]}
            connectNulls={false}
            withDots={data.points.length <= 31}
            yAxisProps={{ allowDecimals: false }}
            withLegend
          />
        </AnalyticsChart>
      )}
      {data && (
        <DataTable
          tall
          head={[t('analytics.when'), t('analytics.opened'), t('analytics.resolved'), t('analytics.backlog')]}
          rows={data.points.map((p) => [label(p), count(p.opened), count(p.resolved), count(p.backlog)])}
        />
      )}
    </AnalyticsFigure>
  );
}

/** First-response and resolution times (median and p90) per point, against the owner's targets. */
export function TimesFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('service-trends', search);
  const data = query.data;
  const label = (p: ServiceTrendPoint) => (data ? pointLabel(p, data.bucket, i18n.language) : p.start);
  const value = (v: number | null) => (v === null ? t('common.none') : format.number(v));
  const rows = data ? trendRows(data.points, label) : [];
  const targets = data?.targets.firstResponseMinutes;
  const answered = data?.points.some((p) => p.firstResponseMedian !== null);
  const resolved = data?.points.some((p) => p.resolutionMedian !== null);
  return (
    <AnalyticsFigure
      id="service-times"
      title={t('analytics.times')}
      report="service-trends"
      search={search}
      hint={t('analytics.timesHint')}
      query={query}
      headline={
        targets && data ? (
          <Stack gap={4}>
            <Text size="sm" data-testid="targets">
              {t('analytics.targets', {
                calm: format.number(targets.calm),
                upset: format.number(targets.upset),
                angry: format.number(targets.angry),
                hostile: format.number(targets.hostile),
              })}{' '}
              {data.total.responded
                ? t('analytics.onTime', {
                    share: format.percent((data.total.withinTarget ?? 0) / data.total.responded),
                  })
                : ''}
            </Text>
            <ResolutionTargetsLine data={data} />
          </Stack>
        ) : undefined
      }
    >
      {data && answered && (
        <TimingChart
          title={t('analytics.firstResponseChart')}
          rows={rows}
          unit=" min"
          series={[
            { name: 'firstResponseMedian', label: t('analytics.median'), color: 'blue.6' },
            { name: 'firstResponseP90', label: t('analytics.p90'), color: 'orange.6' },
          ]}
        />
      )}
      {data && resolved && (
        <TimingChart
          title={t('analytics.resolutionChart')}
          rows={rows}
          unit=" h"
          series={[
            { name: 'resolutionMedian', label: t('analytics.medianHours'), color: 'teal.6' },
            { name: 'resolutionP90', label: t('analytics.p90Hours'), color: 'grape.6' },
          ]}
        />
      )}
      {data && (
        <DataTable
          tall
          head={[
            t('analytics.when'),
            t('analytics.responded'),
            t('analytics.withinTarget'),
            t('analytics.median'),
            t('analytics.p90'),
            t('analytics.resolved'),
            t('analytics.medianHours'),
            t('analytics.p90Hours'),
          ]}
          rows={data.points.map((p) => [
            label(p),
            value(p.responded),
            value(p.withinTarget),
            value(p.firstResponseMedian),
            value(p.firstResponseP90),
            value(p.resolved),
            value(hoursOf(p.resolutionMedian)),
            value(hoursOf(p.resolutionP90)),
          ])}
        />
      )}
      {data && <ResolutionTargetsTable rows={data.resolutionTargets} />}
    </AnalyticsFigure>
  );
}

/** The resolution targets, and the share of the period's resolutions that met them. */
function ResolutionTargetsLine({ data }: { data: Omit<ServiceTrends, 'period'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = data.targets.resolutionMinutes;
  const all = data.resolutionTargets.find((r) => r.level === 'all');
  return (
    <Text size="sm" data-testid="resolution-targets">
      {t('analytics.resolutionTargets', {
        calm: format.number(targets.calm),
        upset: format.number(targets.upset),
        angry: format.number(targets.angry),
        hostile: format.number(targets.hostile),
      })}{' '}
      {all?.share != null ? t('analytics.resolvedOnTime', { share: format.percent(all.share) }) : ''}
    </Text>
  );
}

/** Per level of the case, the period's resolutions and how many met the level's resolution target. */
function ResolutionTargetsTable({ rows }: { rows: ResolutionTargetRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const resolved = rows.filter((r) => r.resolved > 0);
  return (
    <Stack gap={4} data-testid="resolution-by-level">
      <Text size="sm" fw={600}>
        {t('analytics.resolutionByLevel')}
      </Text>
      <DataTable
        head={[
          t('analytics.caseLevel'),
          t('analytics.resolved'),
          t('analytics.withinTarget'),
          t('analytics.shareWithin'),
        ]}
        rows={resolved.map((r) => [
          r.level === 'all' ? t('analytics.allLevels') : t(`level.${r.level}`),
          format.number(r.resolved),
          format.number(r.withinTarget),
          r.share === null ? t('common.none') : format.percent(r.share),
        ])}
      />
    </Stack>
  );
}

/** Of the resolutions in each point, the share the customer (or staff) reopened. */
export function ReopenFigure({ search }: { search: AnalyticsSearch }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const query = useAnalytics('service-trends', search);
  const data = query.data;
  const label = (p: ServiceTrendPoint) => (data ? pointLabel(p, data.bucket, i18n.language) : p.start);
  const value = (v: number | null) => (v === null ? t('common.none') : format.number(v));
  return (
    <AnalyticsFigure
      id="reopen"
      title={t('analytics.reopenRate')}
      report="service-trends"
      search={search}
      hint={t('analytics.reopenHint')}
      query={query}
    >
      {data?.points.some((p) => p.reopenRate !== null) && (
        <AnalyticsChart label={t('analytics.reopenRate')}>
          <LineChart
            h={CHART_HEIGHT}
            data={trendRows(data.points, label)}
            dataKey="label"
            series={[{ name: 'reopenRate', label: t('analytics.reopenRate'), color: 'red.6' }]}
            connectNulls={false}
            yAxisProps={{ domain: [0, 100] }}
            unit=" %"
          />
        </AnalyticsChart>
      )}
      {data && (
        <DataTable
          tall
          head={[t('analytics.when'), t('analytics.resolved'), t('analytics.reopened'), t('analytics.rate')]}
          rows={data.points
            .filter((p) => (p.resolved ?? 0) > 0)
            .map((p) => [
              label(p),
              value(p.resolved),
              value(p.reopened),
              p.reopenRate === null ? t('common.none') : format.percent(p.reopenRate),
            ])}
        />
      )}
    </AnalyticsFigure>
  );
}

/** A median and a 90th percentile over the period's points; a point with nothing measured is a gap. */
function TimingChart({
  title,
  rows,
  unit,
  series,
}: {
  title: string;
  rows: Parameters<typeof LineChart>[0]['data'];
  unit: string;
  series: Parameters<typeof LineChart>[0]['series'];
}) {
  return (
    <AnalyticsChart label={title}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <LineChart
        h={CHART_HEIGHT}
        data={rows}
        dataKey="label"
        series={series}
        connectNulls={false}
        unit={unit}
        withLegend
      />
    </AnalyticsChart>
  );
}
