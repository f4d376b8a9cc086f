import type { CommitmentListItem } from '@calmdesk/contracts';
import { Alert, Badge, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { formatRelative } from '../../components/due-countdown.tsx';
import { useFormat } from '../../format/use-format.ts';
import { CommitmentActions } from './commitment-actions.tsx';
import { isOverdue, useListClock } from './list-clock.ts';
import { PromiseWhoBadge } from './promise-who-badge.tsx';
import { type CommitmentFilter, useCommitments } from './use-commitments.ts';

const FILTER_KEY = 'calmdesk.commitments.filter';
const FILTERS: CommitmentFilter[] = ['all', 'us', 'customer', 'mine'];

function isFilter(value: string | null): value is CommitmentFilter {
  return FILTERS.includes(value as CommitmentFilter);
}

function CommitmentCard({ item, now }: { item: CommitmentListItem; now: Date }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const overdue = isOverdue(item, now);
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      data-testid="commitment-row"
      data-overdue={overdue}
      style={overdue ? { borderLeft: '4px solid var(--calm-text-error)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 280px', minWidth: 0 }}>
          <Group gap={6}>
            <PromiseWhoBadge who={item.who} size="sm" />
            {overdue && (
              <Badge size="sm" color="red" variant="filled">
                {t('caseWork.overdue')}
              </Badge>
            )}
          </Group>
          <Text size="sm" fw={600} dir="auto">
            {item.text}
          </Text>
          <Text size="sm" c={overdue ? 'var(--calm-text-error)' : undefined} fw={overdue ? 700 : undefined}>
            {t('caseWork.dueColumn')}: <time dateTime={item.dueAt}>{format.dateTime(item.dueAt)}</time> (
            {formatRelative(new Date(item.dueAt), now, i18n.language)})
          </Text>
          <Text size="sm">
            <Link to="/cases/$id" params={{ id: item.caseId }} dir="auto">
              {item.case.subject}
            </Link>{' '}
            · {item.case.customer.name} · {t('caseWork.holderColumn')}:{' '}
            {item.case.assignee?.name ?? t('inbox.unassigned')}
          </Text>
        </Stack>
        <CommitmentActions commitment={item} />
      </Group>
    </Paper>
  );
}

/**
 * Open promises, ours and the customers', soonest due first, so the overdue ones lead. The list follows
 * the event stream (a promise made, kept, missed or cancelled elsewhere) and marks a promise overdue
 * when its time passes.
 */
export function CommitmentsPage() {
  const { t } = useTranslation();
  const [filter, setFilterState] = useState<CommitmentFilter>(() => {
    const saved = sessionStorage.getItem(FILTER_KEY);
    return isFilter(saved) ? saved : 'all';
  });
  const setFilter = (value: string) => {
    if (!isFilter(value)) return;
    sessionStorage.setItem(FILTER_KEY, value);
    setFilterState(value);
  };
  const query = useCommitments(filter);
  const narrow = useMediaQuery('(max-width: 30em)');
  const dueTimes = useMemo(() => query.data?.items.map((item) => item.dueAt) ?? [], [query.data]);
  const now = useListClock(dueTimes);
  const labels: Record<CommitmentFilter, string> = {
    all: t('caseWork.filterAll'),
    us: t('caseWork.filterOurs'),
    customer: t('caseWork.filterCustomers'),
    mine: t('caseWork.filterMine'),
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('caseWork.commitmentsTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('caseWork.commitmentsIntro')}
      </Text>
      <SegmentedControl
        aria-label={t('caseWork.filterLabel')}
        data-testid="commitment-filter"
        w={narrow ? '100%' : 'fit-content'}
        orientation={narrow ? 'vertical' : 'horizontal'}
        value={filter}
        onChange={setFilter}
        data={FILTERS.map((value) => ({ value, label: labels[value] }))}
      />
      {query.isError && <Alert color="red">{errorText(t, query.error)}</Alert>}
      {query.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : query.data && query.data.items.length > 0 ? (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          data-testid="commitment-list"
        >
          {query.data.items.map((item) => (
            <CommitmentCard key={item.id} item={item} now={now} />
          ))}
        </Stack>
      ) : (
        <Text c="dimmed">{t('caseWork.noOpenCommitments')}</Text>
      )}
    </Stack>
  );
}
