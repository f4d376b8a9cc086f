import type { TrainingSession, TrainingTurn } from '@calmdesk/contracts';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../auth/session.ts';
import { AngerMeter } from './anger-meter.tsx';
import { PracticeReplyBox } from './practice-reply-box.tsx';
import { SessionEnd } from './session-end.tsx';
import { SessionStatusBadge } from './session-status-badge.tsx';
import { answeredTurns, openTurn, practiceCoachContext, unwrapLines } from './training-logic.ts';
import { TurnFeedback } from './turn-feedback.tsx';
import { useScenarios, useStartAssigned, useTrainingSession } from './use-training.ts';

function CustomerMessage({ turn, language }: { turn: TrainingTurn; language: TrainingSession['language'] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" className="practice-bubble" data-side="customer" data-testid="customer-message">
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Badge variant="outline" color="blue">
          {t('training.customer')}
        </Badge>
        <AngerMeter anger={turn.angerBefore} compact />
      </Group>
      <Text lang={language} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {unwrapLines(turn.customer)}
      </Text>
    </Paper>
  );
}

function TraineeReply({
  text,
  name,
  language,
}: {
  text: string;
  name: string;
  language: TrainingSession['language'];
}) {
  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--calm-surface-accent)"
      className="practice-bubble"
      data-side="trainee"
      data-testid="trainee-reply"
    >
      <Badge variant="outline" color="gray" mb={6}>
        {name}
      </Badge>
      <Text lang={language} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    </Paper>
  );
}

/** The practice conversation: the customer's messages on the left, the trainee's replies and their feedback on the right. */
function PracticeConversation({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="practice-conversation-title">
      <Title order={2} size="h4" id="practice-conversation-title">
        {t('training.conversation')}
      </Title>
      {session.turns.map((turn, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a session's turns only ever grow at the end
        <Stack key={index} gap="sm">
          <CustomerMessage turn={turn} language={session.language} />
          {turn.reply !== null && (
            <>
              <TraineeReply text={turn.reply} name={session.user.name} language={session.language} />
              <TurnFeedback turn={turn} number={index + 1} language={session.language} />
            </>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

function StartAssigned({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  const start = useStartAssigned();
  return (
    <Paper withBorder p="md" data-testid="start-assigned">
      <Stack gap="sm">
        <Text>{t('training.assignedYou', { name: session.assignedBy?.name ?? t('common.none') })}</Text>
        {start.isError && <Alert color="red">{errorText(t, start.error)}</Alert>}
        <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate(session.id)}>
          {t('training.startAssigned')}
        </Button>
      </Stack>
    </Paper>
  );
}

function PracticeView({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  const me = useSession().data?.user;
  const isMine = me?.id === session.user.id;
  const scenarios = useScenarios(session.language);
  const situation = scenarios.data?.scenarios.find((s) => s.id === session.scenarioId)?.situation;
  const waiting = openTurn(session);
  const answered = answeredTurns(session).length;
  const context = useMemo(() => practiceCoachContext(session, me?.name), [session, me?.name]);
  const endRef = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');
  // After a reply the page shows what came of it: the newest feedback, or the end of the session.
  const previous = useRef({ answered, status: session.status });
  useEffect(() => {
    const before = previous.current;
    previous.current = { answered, status: session.status };
    if (answered <= before.answered) return;
    if (session.status !== 'active') {
      endRef.current?.scrollIntoView({ block: 'start' });
      // The reply box is gone: keyboard and screen-reader users carry on from the outcome.
      endRef.current?.querySelector<HTMLElement>('#end-title')?.focus({ preventScroll: true });
      setAnnouncement(t(`training.outcome.${session.status}.title`));
    } else {
      const feedback = document.querySelectorAll('[data-testid="turn-feedback"]');
      feedback[feedback.length - 1]?.scrollIntoView({ block: 'start' });
      setAnnouncement(t('training.customerAnswered'));
    }
  }, [answered, session.status, t]);
  return (
    <Stack>
      <Stack gap={4}>
        <Link to="/training">{t('training.back')}</Link>
        <Title order={1} size="h3">
          {session.scenarioTitle}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light" color="blue">
            {t(`profile.type.${session.persona}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t(`language.${session.language}`)}
          </Text>
          <SessionStatusBadge status={session.status} />
          {!isMine && <Text size="sm">{t('training.trainee', { name: session.user.name })}</Text>}
          {session.assignedBy && (
            <Text size="sm" c="dimmed">
              {t('training.assignedByShort', { name: session.assignedBy.name })}
            </Text>
          )}
        </Group>
        {situation && (
          <Text size="sm" lang={session.language} data-testid="situation">
            {unwrapLines(situation)}
          </Text>
        )}
        <AngerMeter anger={session.anger} />
      </Stack>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div ref={endRef} style={{ scrollMarginTop: 72 }}>
        <SessionEnd session={session} isMine={isMine} />
      </div>
      {session.status === 'assigned' && isMine && <StartAssigned session={session} />}
      {session.status === 'assigned' && !isMine && (
        <Alert color="blue">{t('training.notStarted', { name: session.user.name })}</Alert>
      )}
      <PracticeConversation session={session} />
      {waiting && isMine && <PracticeReplyBox session={session} context={context} />}
      {waiting && !isMine && (
        <Alert color="gray">{t('training.notYours', { name: session.user.name })}</Alert>
      )}
    </Stack>
  );
}

export function PracticePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useTrainingSession(id);
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  return <PracticeView session={query.data} />;
}
