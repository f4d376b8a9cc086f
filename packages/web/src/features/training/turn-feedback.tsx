import type { Lang } from '@calmdesk/analysis';
import type { TrainingTurn } from '@calmdesk/contracts';
import { Accordion, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { angerChange, angerWord, skillOf } from './training-logic.ts';

function SkillBadges({ codes, color, testId }: { codes: string[]; color: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} data-testid={testId}>
      {codes.map((code) => {
        const skill = skillOf(code);
        return (
          <Badge key={code} color={color} variant="light" data-skill={code}>
            {skill ? t(skill.key) : code}
          </Badge>
        );
      })}
    </Group>
  );
}

/** After a reply: how the customer took it, what worked and what did not (coach names), the model answer. */
export function TurnFeedback({
  turn,
  number,
  language,
}: {
  turn: TrainingTurn;
  number: number;
  language: Lang;
}) {
  const { t } = useTranslation();
  const change = angerChange(turn.angerBefore, turn.angerAfter);
  const headingId = `feedback-${number}`;
  return (
    <Paper
      withBorder
      p="sm"
      bg="gray.0"
      component="section"
      aria-labelledby={headingId}
      data-testid="turn-feedback"
      className="practice-bubble"
      data-side="trainee"
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} size="sm" id={headingId}>
            {t('training.feedback', { number })}
          </Text>
          {turn.coaching && (
            <Text size="sm" data-testid="turn-score">
              {t('training.coachScore', { score: turn.coaching.score })}
            </Text>
          )}
        </Group>
        {change && turn.angerAfter !== null && (
          <Text size="sm" data-testid="anger-change" data-change={change}>
            {change === 'calmer' ? '↓ ' : change === 'angrier' ? '↑ ' : '= '}
            {t(`training.change.${change}`, { word: t(`training.anger.${angerWord(turn.angerAfter)}`) })}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('training.worked')}
        </Text>
        {turn.worked.length > 0 ? (
          <SkillBadges codes={turn.worked} color="teal" testId="worked" />
        ) : (
          <Text size="sm" c="dimmed">
            {t('training.nothingWorked')}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('training.missed')}
        </Text>
        {turn.missed.length > 0 ? (
          <SkillBadges codes={turn.missed} color="red" testId="missed" />
        ) : (
          <Text size="sm" c="dimmed">
            {t('training.nothingMissed')}
          </Text>
        )}
        {turn.modelAnswer && (
          <Accordion variant="contained" chevronPosition="left">
            <Accordion.Item value="model">
              <Accordion.Control>{t('training.modelAnswer')}</Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" lang={language} style={{ whiteSpace: 'pre-wrap' }} data-testid="model-answer">
                  {turn.modelAnswer}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Paper>
  );
}
