import type { TrainingSession } from '@calmdesk/contracts';
import { Alert, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { PractiseList } from './practise-list.tsx';
import { isEnded } from './training-logic.ts';
import { useCreateTrainingSession } from './use-training.ts';

const OUTCOME_COLORS = { resolved: 'teal', escalated: 'orange', lost: 'red' } as const;

/** The end of a practice: how it ended, the score, and the skills to practise, worst first. */
export function SessionEnd({ session, isMine }: { session: TrainingSession; isMine: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const again = useCreateTrainingSession();
  if (!isEnded(session.status)) return null;
  const outcome = session.status;
  const score = session.score ?? 0;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="end-title"
      data-testid="session-end"
      data-outcome={outcome}
      style={{ borderColor: `var(--mantine-color-${OUTCOME_COLORS[outcome]}-6)`, borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="end-title" tabIndex={-1}>
          {t(`training.outcome.${outcome}.title`)}
        </Title>
        <Text>{t(`training.outcome.${outcome}.text`)}</Text>
        <Stack gap={4} maw={360}>
          <Text fw={600} data-testid="session-score" data-score={session.score}>
            {t('training.score')}: {t('training.scoreOf', { score })}
          </Text>
          <Progress
            value={score}
            color={score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red'}
            aria-label={t('training.score')}
          />
        </Stack>
        <Title order={3} size="h5">
          {t('training.practiseTitle')}
        </Title>
        <PractiseList practise={session.practise} />
        {again.isError && <Alert color="red">{errorText(t, again.error)}</Alert>}
        <Group gap="sm">
          {isMine && (
            <Button
              loading={again.isPending}
              onClick={() =>
                again.mutate(
                  { scenario: session.scenarioId },
                  {
                    onSuccess: (next) => void navigate({ to: '/training/$id', params: { id: next.id } }),
                  },
                )
              }
            >
              {t('training.tryAgain')}
            </Button>
          )}
          <Link to="/training">{t('training.back')}</Link>
        </Group>
      </Stack>
    </Paper>
  );
}
