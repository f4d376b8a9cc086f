import type { TrainingPractise } from '@calmdesk/contracts';
import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { skillOf } from './training-logic.ts';

/** "Excuse: in 3 of 5 replies": a skill by the coach's own name, and how often it went wrong. */
export function PractiseLine({ item, size = 'sm' }: { item: TrainingPractise; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const skill = skillOf(item.skill);
  const name = skill ? t(skill.key) : item.skill;
  const key = skill?.kind === 'element' ? 'training.practiseElement' : 'training.practiseFinding';
  return (
    <Text size={size} data-skill={item.skill}>
      {t(key, { skill: name, times: item.times, of: item.of })}
    </Text>
  );
}

export function PractiseList({ practise }: { practise: TrainingPractise[] }) {
  const { t } = useTranslation();
  if (practise.length === 0) return <Text size="sm">{t('training.practiseNone')}</Text>;
  return (
    <List spacing={4} aria-label={t('training.practiseTitle')} data-testid="practise">
      {practise.map((item) => (
        <List.Item key={item.skill}>
          <PractiseLine item={item} />
        </List.Item>
      ))}
    </List>
  );
}
