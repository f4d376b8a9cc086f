import type { Lang } from '@calmdesk/analysis';
import type { TrainingTurn } from '@calmdesk/contracts';
import { Accordion, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { angerChange, angerWord, skillOf, unwrapLines } from './training-logic.ts';

/** One labelled row of skills, each by the coach's own name: "Had: Empathy, Next step". */
function SkillRow({
  label,
  codes,
  color,
  testId,
  plain = false,
}: {
  label: string;
  codes: string[];
  color: string;
  testId: string;
  plain?: boolean;
}) {
  const { t } = useTranslation();
  if (codes.length === 0) return null;
  const name = (code: string) => {
    const skill = skillOf(code);
    return skill ? t(skill.key) : code;
  };
  return (
    <Group gap={6} wrap="wrap" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}:
      </Text>
      {plain ? (
        <Text size="sm">{codes.map(name).join(', ')}</Text>
      ) : (
        codes.map((code) => (
          <Badge key={code} color={color} variant="light" data-skill={code}>
            {name(code)}
          </Badge>
        ))
      )}
    </Group>
  );
}

/** Splits a turn's codes into the coach's two kinds: elements (good things) and findings (problems). */
function byKind(codes: string[]) {
  return {
    elements: codes.filter((code) => skillOf(code)?.kind === 'element'),
    findings: codes.filter((code) => skillOf(code)?.kind !== 'element'),
  };
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
  const worked = byKind(turn.worked);
  const missed = byKind(turn.missed);
  const headingId = `feedback-${number}`;
  return (
    <Paper
      withBorder
      p="sm"
      bg="var(--calm-surface-muted)"
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
          <Stack gap={4}>
            <SkillRow label={t('training.had')} codes={worked.elements} color="teal" testId="worked" />
            <SkillRow
              label={t('training.avoided')}
              codes={worked.findings}
              color="teal"
              testId="avoided"
              plain
            />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('training.nothingWorked')}
          </Text>
        )}
        <Text size="sm" fw={600}>
          {t('training.missed')}
        </Text>
        {turn.missed.length > 0 ? (
          <Stack gap={4}>
            <SkillRow label={t('training.found')} codes={missed.findings} color="red" testId="missed" />
            <SkillRow label={t('training.lacking')} codes={missed.elements} color="orange" testId="lacking" />
          </Stack>
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
                  {unwrapLines(turn.modelAnswer)}
                </Text>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Paper>
  );
}
