import type { TrainingSessionSummary } from '@calmdesk/contracts';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';
import { useStartAssigned } from './use-training.ts';

function AssignedSession({ session }: { session: TrainingSessionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const start = useStartAssigned();
  const titleId = `assigned-${session.id}`;
  return (
    <Paper withBorder p="sm" data-testid="assigned-session" data-session-id={session.id}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={600} id={titleId}>
            {session.scenarioTitle}
          </Text>
          <Text size="sm" c="dimmed">
            {t('training.assignedBy', {
              name: session.assignedBy?.name ?? t('common.none'),
              date: format.dateTime(session.createdAt),
            })}{' '}
            · {t(`language.${session.language}`)}
          </Text>
        </Stack>
        <Button
          loading={start.isPending}
          aria-describedby={titleId}
          onClick={() =>
            start.mutate(session.id, {
              onSuccess: () => void navigate({ to: '/training/$id', params: { id: session.id } }),
            })
          }
        >
          {t('training.startAssigned')}
        </Button>
      </Group>
      {start.isError && <Alert color="red">{errorText(t, start.error)}</Alert>}
    </Paper>
  );
}

/** What waits for the trainee: scenarios assigned to them, and sessions they left half-way. */
export function MySessions({
  assigned,
  active,
}: {
  assigned: TrainingSessionSummary[];
  active: TrainingSessionSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (assigned.length === 0 && active.length === 0) return null;
  return (
    <Stack gap="sm">
      {assigned.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="assigned-title">
          <Title order={2} size="h4" id="assigned-title">
            {t('training.assignedToYou')}
          </Title>
          {assigned.map((session) => (
            <AssignedSession key={session.id} session={session} />
          ))}
        </Stack>
      )}
      {active.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="active-title">
          <Title order={2} size="h4" id="active-title">
            {t('training.inProgress')}
          </Title>
          {active.map((session) => (
            <Paper key={session.id} withBorder p="sm" data-testid="active-session">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Link to="/training/$id" params={{ id: session.id }}>
                  {session.scenarioTitle}
                </Link>
                <Text size="sm" c="dimmed">
                  {t('training.startedAt', { date: format.dateTime(session.startedAt ?? session.createdAt) })}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
