import type { TrainingSessionSummary } from '@calmdesk/contracts';
import { Alert, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';
import { useUsers } from '../inbox/use-cases.ts';
import { SessionStatusBadge } from './session-status-badge.tsx';
import { useTrainingSessions } from './use-training.ts';

function HistoryRow({ session }: { session: TrainingSessionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = session.endedAt ?? session.startedAt ?? session.createdAt;
  return (
    <Paper withBorder p="sm" data-testid="history-session" data-session-id={session.id}>
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <Stack gap={2}>
          <Link to="/training/$id" params={{ id: session.id }}>
            {session.scenarioTitle}
          </Link>
          <Text size="xs" c="dimmed">
            <time dateTime={when}>{format.dateTime(when)}</time> · {t(`language.${session.language}`)} ·{' '}
            {t(`profile.type.${session.persona}`)}
            {session.assignedBy && ` · ${t('training.assignedByShort', { name: session.assignedBy.name })}`}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <SessionStatusBadge status={session.status} />
          {session.score !== null && (
            <Text size="sm" fw={600} data-testid="history-score">
              {t('training.scoreOf', { score: session.score })}
            </Text>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/**
 * A person's practice sessions, newest first. Supervisors and the owner pick whose; an agent sees their
 * own.
 */
export function SessionHistory({
  userId,
  canPickPerson,
  onPickPerson,
}: {
  userId: string;
  canPickPerson: boolean;
  onPickPerson: (userId: string) => void;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const sessions = useTrainingSessions({ user: userId });
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-title">
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <Title order={2} size="h4" id="history-title">
          {t('training.historyTitle')}
        </Title>
        {canPickPerson && (
          <Select
            label={t('training.person')}
            data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
            value={userId}
            onChange={(value) => value && onPickPerson(value)}
            allowDeselect={false}
            searchable
            w={260}
            maw="100%"
          />
        )}
      </Group>
      {sessions.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {sessions.isError && <Alert color="red">{errorText(t, sessions.error)}</Alert>}
      {sessions.data?.sessions.length === 0 && <Text c="dimmed">{t('training.noHistory')}</Text>}
      {sessions.data?.sessions.map((session) => (
        <HistoryRow key={session.id} session={session} />
      ))}
    </Stack>
  );
}
