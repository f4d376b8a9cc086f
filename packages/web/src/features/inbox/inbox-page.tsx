import { LEVELS } from '@calmdesk/analysis/vocabulary';
import type { CaseSummary } from '@calmdesk/contracts';
import { CASE_STATUSES, CHANNELS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { CaseDeadline } from '../../components/due-countdown.tsx';
import { FlagChips } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useSession } from '../auth/session.ts';
import { EscalationBadge } from '../case/escalation-badge.tsx';
import { DEFAULT_FILTERS, type InboxFilters, useCases, useUsers } from './use-cases.ts';

const STATUSES = ['active', ...CASE_STATUSES] as const;

interface RowProps {
  item: CaseSummary;
  selected: boolean;
}

function InboxRow({ item, selected }: RowProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.Tr
      className="inbox-row"
      data-selected={selected}
      aria-current={selected ? 'true' : undefined}
      data-case-id={item.id}
      onClick={() => void navigate({ to: '/cases/$id', params: { id: item.id } })}
    >
      <Table.Td>
        <LevelBadge level={item.level} />
      </Table.Td>
      <Table.Td>
        <Link
          to="/cases/$id"
          params={{ id: item.id }}
          onClick={(e) => e.stopPropagation()}
          className="inbox-subject"
          dir="auto"
        >
          {item.subject}
        </Link>{' '}
        <EscalationBadge escalatedAt={item.escalatedAt} reason={item.escalationReason} compact />
        <Text size="xs" c="dimmed">
          {item.customer.name} · {t(`channel.${item.channel}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <FlagChips flags={item.flags} />
      </Table.Td>
      <Table.Td ta="center">{item.problems.length}</Table.Td>
      <Table.Td>
        <CaseDeadline item={item} />
      </Table.Td>
      <Table.Td>{t(`status.${item.status}`)}</Table.Td>
      <Table.Td>
        {item.assignee?.name ?? (
          <Text span c="dimmed" size="sm">
            {t('inbox.unassigned')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The narrow-screen inbox: one card per case instead of a wide table. */
function InboxCard({ item, selected }: RowProps) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="xs"
      className="inbox-row"
      data-selected={selected}
      aria-current={selected ? 'true' : undefined}
      data-case-id={item.id}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6}>
          <LevelBadge level={item.level} />
          <EscalationBadge escalatedAt={item.escalatedAt} reason={item.escalationReason} compact />
        </Group>
        <CaseDeadline item={item} />
      </Group>
      <Link to="/cases/$id" params={{ id: item.id }} className="inbox-subject" dir="auto">
        {item.subject}
      </Link>
      <Text size="xs" c="dimmed">
        {item.customer.name} · {t(`channel.${item.channel}`)} · {t(`status.${item.status}`)} ·{' '}
        {t('inbox.problemCount', { count: item.problems.length })}
      </Text>
      <FlagChips flags={item.flags} />
    </Card>
  );
}

const QUEUE_KEY = 'calmdesk.inbox.escalated';

/** The supervisors' queue choice, kept for the browser tab so it survives opening a case and coming back. */
function useEscalatedQueue(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => sessionStorage.getItem(QUEUE_KEY) === 'true');
  const set = (next: boolean) => {
    sessionStorage.setItem(QUEUE_KEY, String(next));
    setOn(next);
  };
  return [on, set];
}

export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 48em)');
  const users = useUsers();
  const role = useSession().data?.user.role;
  const seesQueue = role === 'supervisor' || role === 'owner';
  const [filters, setFilters] = useState<Omit<InboxFilters, 'q'>>({
    status: DEFAULT_FILTERS.status ?? null,
    sort: DEFAULT_FILTERS.sort ?? 'priority',
  });
  const [escalatedOnly, setEscalatedOnly] = useEscalatedQueue();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const query = useCases({ ...filters, q, ...(seesQueue && escalatedOnly ? { escalated: 'true' } : {}) });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [selected, setSelected] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result set starts at its first row
  useEffect(() => setSelected(0), [filters, q, escalatedOnly]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the selection as it moves
  useEffect(() => {
    list.current
      ?.querySelector('[data-selected="true"]')
      ?.scrollIntoView?.({ block: 'nearest', behavior: 'auto' });
  }, [selected]);
  const move = (delta: number) =>
    setSelected((i) => Math.min(Math.max(i + delta, 0), Math.max(items.length - 1, 0)));
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    [
      'Enter',
      () => {
        const item = items[selected];
        if (item) void navigate({ to: '/cases/$id', params: { id: item.id } });
      },
    ],
  ]);
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  const assignees = [
    { value: 'me', label: t('inbox.me') },
    { value: 'none', label: t('inbox.unassigned') },
    ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('inbox.title')}
        </Title>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('inbox.keyboardHint')}
        </Text>
      </Group>
      {seesQueue && (
        <SegmentedControl
          aria-label={t('escalation.queue')}
          w="fit-content"
          data-testid="inbox-queue"
          value={escalatedOnly ? 'escalated' : 'all'}
          onChange={(value) => setEscalatedOnly(value === 'escalated')}
          data={[
            { value: 'all', label: t('escalation.all') },
            { value: 'escalated', label: t('escalation.onlyEscalated') },
          ]}
        />
      )}
      <Group gap="xs" wrap="wrap" align="flex-end">
        <TextInput
          aria-label={t('inbox.search')}
          placeholder={t('inbox.search')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          aria-label={t('inbox.status')}
          placeholder={t('inbox.anyStatus')}
          clearable
          data={STATUSES.map(option('status'))}
          value={filters.status ?? null}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          w={{ base: '48%', sm: 180 }}
        />
        <Select
          aria-label={t('inbox.level')}
          placeholder={t('inbox.anyLevel')}
          clearable
          data={LEVELS.map(option('level'))}
          value={filters.level ?? null}
          onChange={(level) => setFilters((f) => ({ ...f, level }))}
          w={{ base: '48%', sm: 140 }}
        />
        <Select
          aria-label={t('inbox.assignee')}
          placeholder={t('inbox.anyAssignee')}
          clearable
          data={assignees}
          value={filters.assignee ?? null}
          onChange={(assignee) => setFilters((f) => ({ ...f, assignee }))}
          w={{ base: '48%', sm: 170 }}
        />
        <Select
          aria-label={t('inbox.channel')}
          placeholder={t('inbox.anyChannel')}
          clearable
          data={CHANNELS.map(option('channel'))}
          value={filters.channel ?? null}
          onChange={(channel) => setFilters((f) => ({ ...f, channel }))}
          w={{ base: '48%', sm: 150 }}
        />
        <SegmentedControl
          aria-label={t('inbox.sort')}
          size="sm"
          value={filters.sort ?? 'priority'}
          onChange={(sort) => setFilters((f) => ({ ...f, sort: sort as 'priority' | 'due' }))}
          data={[
            { value: 'priority', label: t('inbox.byPriority') },
            { value: 'due', label: t('inbox.byDue') },
          ]}
        />
      </Group>
      {query.isError && <Alert color="red">{errorText(t, query.error)}</Alert>}
      {query.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : narrow ? (
        <Stack gap="xs" ref={list} data-testid="inbox-list">
          {items.map((item, index) => (
            <InboxCard key={item.id} item={item} selected={index === selected} />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={860} ref={list}>
          <Table highlightOnHover verticalSpacing="xs" data-testid="inbox-list">
            <caption className="visually-hidden">{t('inbox.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={160}>{t('inbox.level')}</Table.Th>
                <Table.Th>{t('inbox.subject')}</Table.Th>
                <Table.Th>{t('inbox.flags')}</Table.Th>
                <Table.Th>{t('inbox.problems')}</Table.Th>
                <Table.Th>{t('inbox.due')}</Table.Th>
                <Table.Th>{t('inbox.status')}</Table.Th>
                <Table.Th>{t('inbox.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => (
                <InboxRow key={item.id} item={item} selected={index === selected} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!query.isPending && items.length === 0 && <Text c="dimmed">{t('inbox.empty')}</Text>}
      {query.hasNextPage && (
        <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('inbox.more')}
        </Button>
      )}
    </Stack>
  );
}
