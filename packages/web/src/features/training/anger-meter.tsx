import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ANGER_WORDS, angerWord } from './training-logic.ts';

// Teal to red, but never by colour alone: the word and the count of filled steps say the same.
const STEP_COLORS = ['teal.6', 'lime.6', 'yellow.6', 'orange.6', 'red.7', 'red.9'] as const;
const MAX = ANGER_WORDS.length - 1;

/** The customer's anger, 0 (calm) to 5, as filled steps and words, read out as a meter. */
export function AngerMeter({ anger, compact = false }: { anger: number; compact?: boolean }) {
  const { t } = useTranslation();
  const word = t(`training.anger.${angerWord(anger)}`);
  const valueText = t('training.angerValue', { word, value: anger, max: MAX });
  return (
    <Group gap="xs" wrap="wrap" data-testid="anger-meter" data-anger={anger}>
      {!compact && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('training.mood')}:
        </Text>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: drawn as steps, and read out with its words (aria-valuetext), which a native <meter> does not carry */}
      <div
        role="meter"
        aria-label={t('training.mood')}
        aria-valuemin={0}
        aria-valuemax={MAX}
        aria-valuenow={anger}
        aria-valuetext={valueText}
        className="anger-meter"
      >
        {Array.from({ length: MAX }, (_, step) => {
          const filled = step < anger;
          return (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: the steps are positional and fixed
              key={step}
              className="anger-step"
              data-filled={filled}
              style={{
                background: filled
                  ? `var(--mantine-color-${STEP_COLORS[anger]?.replace('.', '-')})`
                  : 'var(--calm-border-subtle)',
              }}
            />
          );
        })}
      </div>
      <Text size="sm" fw={600} aria-hidden style={{ whiteSpace: 'nowrap' }}>
        {word}
      </Text>
    </Group>
  );
}
