import { type CaseState, guide, type Lang } from '@calmdesk/analysis/core';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The next best actions for the case, computed in the browser: explained in the interface language,
 * with phrases in the customer's language to insert in one click.
 */
export const GuidancePanel = memo(function GuidancePanel({
  state,
  onInsert,
}: {
  state: CaseState;
  onInsert: (phrase: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const steps = useMemo(() => guide(state), [state]);
  const explained = useMemo(() => {
    const ui = i18n.language as Lang;
    const inUi = ui === state.lang ? steps : guide({ ...state, lang: ui });
    return new Map(inUi.map((step) => [step.action, step]));
  }, [state, steps, i18n.language]);
  if (steps.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="guidance-title">
      <Title order={2} size="h4" id="guidance-title">
        {t('case.guidance')}
      </Title>
      {steps.map((step) => {
        const text = explained.get(step.action) ?? step;
        return (
          <Paper key={step.action} withBorder p="xs" data-action={step.action}>
            <Text size="sm" fw={600}>
              {text.title}
            </Text>
            <Text size="xs" c="dimmed">
              {text.why}
            </Text>
            <Stack gap={4} mt={4}>
              {step.phrases.map((phrase) => (
                <Group key={phrase} gap="xs" wrap="nowrap" justify="space-between">
                  <Text size="sm" lang={state.lang}>
                    „{phrase}”
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="light"
                    style={{ flexShrink: 0 }}
                    onClick={() => onInsert(phrase)}
                    aria-label={`${t('case.insert')}: ${phrase}`}
                  >
                    {t('case.insert')}
                  </Button>
                </Group>
              ))}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
});
