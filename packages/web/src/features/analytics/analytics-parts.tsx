import { Alert, Anchor, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isAtField } from '../../api/errors.ts';
import type { AnalyticsSearch } from './analytics-search.ts';
import { type AnalyticsReport, csvHref } from './use-analytics.ts';

export const CHART_HEIGHT = 260;
const PERIOD_FIELDS = ['query.from', 'query.to', 'query.range'];

/** A figure: its title, a chart, the same numbers as a table, and the CSV of that table. */
export function AnalyticsFigure({
  id,
  title,
  report,
  search,
  hint,
  headline,
  query,
  children,
}: {
  id: string;
  title: string;
  report: AnalyticsReport;
  search: AnalyticsSearch;
  hint?: string;
  headline?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: Error | null };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={`${id}-title`}
      data-testid={`figure-${id}`}
      className="analytics-figure"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          <Anchor
            href={csvHref(report, search)}
            download
            size="sm"
            aria-label={t('analytics.csvLabel', { table: title })}
          >
            {t('analytics.csv')}
          </Anchor>
        </Group>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
        {headline}
        {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {/* A refused period is said once, under the picker's field, not again in every figure. */}
        {query.isError && !PERIOD_FIELDS.some((field) => isAtField(query.error, field)) && (
          <Alert color="red">{errorText(t, query.error)}</Alert>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** The chart is a picture of the table below it: screen readers get the table, not the SVG. */
export function AnalyticsChart({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="img" aria-label={label} className="analytics-chart">
      {children}
    </div>
  );
}

/** A figure's numbers; `tall` (a row per day) scrolls within a fixed height, its header staying in view. */
export function DataTable({
  head,
  rows,
  tall = false,
}: {
  head: string[];
  rows: ReactNode[][];
  tall?: boolean;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('analytics.noData')}</Text>;
  return (
    // A keyboard user must be able to scroll a wide table on a phone: the wrapper takes focus.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to be focusable
    <div className={tall ? 'analytics-table analytics-table-tall' : 'analytics-table'} tabIndex={0}>
      <Table striped fz="sm" verticalSpacing={4} stickyHeader={tall}>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} ta={i === 0 ? 'left' : 'right'}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional, recomputed together
            <Table.Tr key={r}>
              {row.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <Table.Td key={i} ta={i === 0 ? 'left' : 'right'}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
