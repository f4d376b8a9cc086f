import type { AuditPage, AuditQuery } from '@calmdesk/contracts';
import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { DateField } from '../../components/date-field.tsx';
import { endOfDayIn, useFormat } from '../../format/use-format.ts';
import { useUsers } from '../inbox/use-cases.ts';

const DAY_MS = 86_400_000;

/** The query string of a page of the audit log. */
export function auditUrl(filters: Omit<AuditQuery, 'limit'>, before: string | null): string {
  const params = new URLSearchParams({ limit: '50' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  if (before) params.set('before', before);
  return `/api/audit?${params}`;
}

/** The audit log for supervisors and the owner: who did what to which, newest first, filtered, paged. */
export function AuditSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const users = useUsers();
  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api<{ items: string[] }>('GET', '/api/audit/actions'),
  });
  const [actor, setActor] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [debouncedTarget] = useDebouncedValue(target.trim(), 300);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const zone = format.timeZone ?? 'UTC';
  const filters = useMemo(
    () => ({
      actor: actor ?? undefined,
      action: action ?? undefined,
      target: debouncedTarget || undefined,
      // Whole days on the organisation's clock: from the first day's start to the last day's end.
      from: fromDay
        ? new Date(Date.parse(endOfDayIn(fromDay, zone)) + 1000 - DAY_MS).toISOString()
        : undefined,
      to: toDay ? new Date(Date.parse(endOfDayIn(toDay, zone)) + 1000).toISOString() : undefined,
    }),
    [actor, action, debouncedTarget, fromDay, toDay, zone],
  );
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api<AuditPage>('GET', auditUrl(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last: AuditPage) => last.nextBefore,
  });
  const names = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));
  const actorName = (entry: { actor: string; actorName: string | null }) =>
    entry.actorName ??
    (entry.actor.startsWith('token:')
      ? t('admin.audit.token')
      : entry.actor === 'cli'
        ? t('admin.audit.cli')
        : entry.actor === 'system'
          ? t('admin.audit.system')
          : entry.actor);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-title">
      <Stack>
        <Title order={2} size="h4" id="audit-title">
          {t('admin.audit.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }} spacing="xs">
          <Select
            label={t('admin.audit.actor')}
            placeholder={t('admin.audit.anyone')}
            clearable
            searchable
            data={[
              ...(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name })),
              { value: 'cli', label: t('admin.audit.cli') },
              { value: 'system', label: t('admin.audit.system') },
            ]}
            value={actor}
            onChange={setActor}
          />
          <Select
            label={t('admin.audit.action')}
            placeholder={t('admin.audit.anyAction')}
            clearable
            searchable
            data={actions.data?.items ?? []}
            value={action}
            onChange={setAction}
          />
          <TextInput
            label={t('admin.audit.target')}
            placeholder={t('admin.audit.targetPlaceholder')}
            maxLength={100}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
          />
          <DateField label={t('admin.audit.from')} value={fromDay} onChange={setFromDay} clearable />
          <DateField label={t('admin.audit.to')} value={toDay} onChange={setToDay} clearable />
        </SimpleGrid>
        {log.isPending && <Loader aria-label={t('common.loading')} />}
        {log.isError && <Alert color="red">{errorText(t, log.error)}</Alert>}
        {log.data && entries.length === 0 && <Text c="dimmed">{t('admin.audit.empty')}</Text>}
        {entries.length > 0 && (
          // A keyboard user must be able to scroll a wide table on a phone: the wrapper takes focus.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to be focusable
          <div className="analytics-table" tabIndex={0}>
            <Table verticalSpacing={4} data-testid="audit-log" miw={640} style={{ overflowWrap: 'anywhere' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{t('admin.audit.at')}</Table.Th>
                  <Table.Th w={150}>{t('admin.audit.actor')}</Table.Th>
                  <Table.Th w={170}>{t('admin.audit.action')}</Table.Th>
                  <Table.Th>{t('admin.audit.target')}</Table.Th>
                  <Table.Th>{t('admin.audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{format.dateTime(entry.at)}</Table.Td>
                    <Table.Td>{actorName(entry)}</Table.Td>
                    <Table.Td>
                      <Code>{entry.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {entry.targetType && (
                        <Text size="xs" c="dimmed" span>
                          {entry.targetType}{' '}
                        </Text>
                      )}
                      {entry.targetType === 'user' && entry.targetId
                        ? (names.get(entry.targetId) ?? entry.targetId)
                        : entry.targetId}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" lineClamp={2}>
                        {entry.details ? JSON.stringify(entry.details) : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {log.hasNextPage && (
          <Group>
            <Button variant="light" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('admin.audit.older')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
