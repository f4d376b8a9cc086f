import { LEVELS } from '@calmdesk/analysis/vocabulary';
import type { ViewFilters } from '@calmdesk/contracts';
import { CASE_STATUSES, CHANNELS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Checkbox,
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
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../auth/session.ts';
import { BulkBar } from './bulk-bar.tsx';
import { InboxCard, InboxRow } from './inbox-row.tsx';
import { SavedViews } from './saved-views.tsx';
import { defaultFiltersFor, type InboxFilters, useCases, useMarkOpened, useUsers } from './use-cases.ts';
import { useTicks } from './use-ticks.ts';

const STATUSES = ['active', ...CASE_STATUSES] as const;

/** The time now, moved on every minute, for the rows' "5 minutes ago". */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
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
  const [filters, setFilters] = useState<Omit<InboxFilters, 'q'>>(() => {
    const { q: _q, ...first } = defaultFiltersFor(role);
    return first;
  });
  const [escalatedOnly, setEscalatedOnly] = useEscalatedQueue();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const query = useCases({ ...filters, q, ...(seesQueue && escalatedOnly ? { escalated: 'true' } : {}) });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [selected, setSelected] = useState(0);
  const ticks = useTicks(items);
  const markOpened = useMarkOpened();
  const now = useMinute();
  const list = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result set starts at its first row, nothing ticked
  useEffect(() => {
    setSelected(0);
    ticks.clear();
  }, [filters, q, escalatedOnly]);
  const currentView: ViewFilters = {
    ...(filters.status ? { status: filters.status as ViewFilters['status'] } : {}),
    ...(filters.level ? { level: filters.level as ViewFilters['level'] } : {}),
    ...(filters.channel ? { channel: filters.channel as ViewFilters['channel'] } : {}),
    ...(filters.assignee ? { assignee: filters.assignee } : {}),
    ...(seesQueue && escalatedOnly ? { escalated: 'true' as const } : {}),
    ...(search.trim() ? { q: search.trim() } : {}),
    sort: filters.sort === 'due' ? 'due' : 'priority',
  };
  const applyView = (view: ViewFilters) => {
    setFilters({
      status: view.status ?? null,
      level: view.level ?? null,
      channel: view.channel ?? null,
      assignee: view.assignee ?? null,
      sort: view.sort === 'due' ? 'due' : 'priority',
    });
    setSearch(view.q ?? '');
    if (seesQueue) setEscalatedOnly(view.escalated === 'true');
  };
  const subjects = useMemo(() => new Map(items.map((item) => [item.id, item.subject])), [items]);
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
        if (!item) return;
        markOpened(item.id);
        void navigate({ to: '/cases/$id', params: { id: item.id } });
      },
    ],
  ]);
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  const assignees = [
    { value: 'me_or_none', label: t('caseWork.mineOrNobody') },
    { value: 'me', label: t('inbox.me') },
    { value: 'none', label: t('inbox.unassigned') },
    ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <Stack>
      <Group justify="space-between" gap="xs">
        <Group gap="md">
          <Title order={1} size="h2">
            {t('inbox.title')}
          </Title>
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
        </Group>
        <Text size="xs" c="dimmed" visibleFrom="sm">
          {t('inbox.keyboardHint')}
        </Text>
      </Group>
      <Group gap="xs" wrap="wrap" align="flex-end">
        <TextInput
          aria-label={t('inboxList.search')}
          placeholder={t('inboxList.search')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 300 }}
        />
        <Select
          aria-label={t('inbox.status')}
          placeholder={t('inbox.anyStatus')}
          clearable
          data={STATUSES.map(option('status'))}
          value={filters.status ?? null}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          w={{ base: '48%', sm: 150 }}
        />
        <Select
          aria-label={t('inbox.level')}
          placeholder={t('inbox.anyLevel')}
          clearable
          data={LEVELS.map(option('level'))}
          value={filters.level ?? null}
          onChange={(level) => setFilters((f) => ({ ...f, level }))}
          w={{ base: '48%', sm: 130 }}
        />
        <Select
          aria-label={t('inbox.assignee')}
          placeholder={t('inbox.anyAssignee')}
          clearable
          data={assignees}
          value={filters.assignee ?? null}
          onChange={(assignee) => setFilters((f) => ({ ...f, assignee }))}
          w={{ base: '48%', sm: 220 }}
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
      </Group>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <SavedViews current={currentView} onApply={applyView} />
        <SegmentedControl
          aria-label={t('inbox.sort')}
          size="xs"
          value={filters.sort ?? 'priority'}
          onChange={(sort) => setFilters((f) => ({ ...f, sort: sort as 'priority' | 'due' }))}
          data={[
            { value: 'priority', label: t('inbox.byPriority') },
            { value: 'due', label: t('inbox.byDue') },
          ]}
        />
      </Group>
      {ticks.ids.length > 0 && (
        <BulkBar ids={ticks.ids} subjects={subjects} users={users.data?.items ?? []} onDone={ticks.clear} />
      )}
      {query.isError && <Alert color="red">{errorText(t, query.error)}</Alert>}
      {query.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : narrow ? (
        <Stack gap="xs" ref={list} data-testid="inbox-list">
          {items.map((item, index) => (
            <InboxCard
              key={item.id}
              item={item}
              current={index === selected}
              checked={ticks.has(item.id)}
              onCheck={(checked, range) => ticks.tick(item.id, checked, range)}
              now={now}
            />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900} ref={list}>
          <Table
            highlightOnHover
            verticalSpacing={4}
            layout="fixed"
            className="inbox-table"
            data-testid="inbox-list"
          >
            <caption className="visually-hidden">{t('inbox.title')}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    size="xs"
                    aria-label={t('inboxList.selectAll')}
                    checked={items.length > 0 && ticks.ids.length === items.length}
                    indeterminate={ticks.ids.length > 0 && ticks.ids.length < items.length}
                    onChange={(e) => ticks.all(e.currentTarget.checked)}
                  />
                </Table.Th>
                <Table.Th>{t('inboxList.customerSubject')}</Table.Th>
                <Table.Th w={240}>{t('inboxList.levelFlags')}</Table.Th>
                <Table.Th w={120}>{t('inbox.due')}</Table.Th>
                <Table.Th w={150}>{t('inbox.assignee')}</Table.Th>
                <Table.Th w={88}>{t('inbox.status')}</Table.Th>
                <Table.Th w={120}>{t('inboxList.lastActivity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => (
                <InboxRow
                  key={item.id}
                  item={item}
                  current={index === selected}
                  checked={ticks.has(item.id)}
                  onCheck={(checked, range) => ticks.tick(item.id, checked, range)}
                  now={now}
                />
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
