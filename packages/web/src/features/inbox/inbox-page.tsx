import { Alert, Button, Group, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../api/types.ts';
import { DueCountdown } from '../../components/due-countdown.tsx';
import { FlagChips } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { Link, navigate, pathFor } from '../../routing/router.tsx';
import { type InboxFilters, useCases } from './use-cases.ts';

const STATUSES = ['new', 'open', 'waiting_customer', 'waiting_us', 'resolved', 'closed'] as const;
const LEVELS = ['calm', 'upset', 'angry', 'hostile'] as const;
const CHANNELS = ['email', 'phone', 'web', 'visit', 'chat', 'review'] as const;

function InboxRow({ item, selected }: { item: CaseSummary; selected: boolean }) {
  const { t } = useTranslation();
  const href = pathFor('case', { id: item.id });
  return (
    <Table.Tr className="inbox-row" aria-selected={selected} onClick={() => navigate(href)}>
      <Table.Td>
        <LevelBadge level={item.level} />
      </Table.Td>
      <Table.Td>
        <Link href={href} onClick={(e) => e.stopPropagation()}>
          {item.subject}
        </Link>
        <Text size="xs" c="dimmed">
          {item.customer.name} · {t(`channel.${item.channel}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        <FlagChips flags={item.flags} />
      </Table.Td>
      <Table.Td ta="center">{item.problems.length}</Table.Td>
      <Table.Td>
        <DueCountdown dueAt={item.firstResponseDueAt} />
      </Table.Td>
      <Table.Td>{t(`status.${item.status}`)}</Table.Td>
      <Table.Td>{item.assignee?.name ?? <Text c="dimmed">{t('inbox.unassigned')}</Text>}</Table.Td>
    </Table.Tr>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<InboxFilters>({ status: null, level: null, channel: null });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const query = useCases({ ...filters, q });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const [selected, setSelected] = useState(0);
  const move = (delta: number) =>
    setSelected((i) => Math.min(Math.max(i + delta, 0), Math.max(items.length - 1, 0)));
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    [
      'Enter',
      () => {
        const item = items[selected];
        if (item) navigate(pathFor('case', { id: item.id }));
      },
    ],
  ]);
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('inbox.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('inbox.keyboardHint')}
        </Text>
      </Group>
      <Group gap="xs" wrap="wrap">
        <TextInput
          aria-label={t('inbox.search')}
          placeholder={t('inbox.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label={t('inbox.status')}
          placeholder={t('inbox.anyStatus')}
          clearable
          data={STATUSES.map(option('status'))}
          value={filters.status ?? null}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          w={190}
        />
        <Select
          aria-label={t('inbox.level')}
          placeholder={t('inbox.anyLevel')}
          clearable
          data={LEVELS.map(option('level'))}
          value={filters.level ?? null}
          onChange={(level) => setFilters((f) => ({ ...f, level }))}
          w={160}
        />
        <Select
          aria-label={t('newCase.channel')}
          placeholder={t('inbox.anyChannel')}
          clearable
          data={CHANNELS.map(option('channel'))}
          value={filters.channel ?? null}
          onChange={(channel) => setFilters((f) => ({ ...f, channel }))}
          w={160}
        />
      </Group>
      {query.isError && <Alert color="red">{t('common.error', { message: query.error.message })}</Alert>}
      {query.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t('inbox.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inbox.level')}</Table.Th>
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
          {items.length === 0 && <Text c="dimmed">{t('inbox.empty')}</Text>}
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Button variant="light" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('inbox.more')}
        </Button>
      )}
    </Stack>
  );
}
