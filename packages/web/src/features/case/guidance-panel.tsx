import { type CaseState, guide } from '@calmdesk/analysis';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The next best actions for the case, computed in the browser, with phrases to insert in one click. */
export function GuidancePanel({ state, onInsert }: { state: CaseState; onInsert: (phrase: string) => void }) {
  const { t } = useTranslation();
  const steps = useMemo(() => guide(state), [state]);
  if (steps.length === 0) return null;
  return (
    <Stack gap="xs" aria-label={t('case.guidance')}>
      <Title order={2} size="h4">
        {t('case.guidance')}
      </Title>
      {steps.map((step) => (
        <Paper key={step.action} withBorder p="xs" data-action={step.action}>
          <Text size="sm" fw={600}>
            {step.title}
          </Text>
          <Text size="xs" c="dimmed">
            {step.why} [{step.source}]
          </Text>
          <Stack gap={4} mt={4}>
            {step.phrases.map((phrase) => (
              <Group key={phrase} gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm">„{phrase}”</Text>
                <Button size="compact-xs" variant="light" onClick={() => onInsert(phrase)}>
                  {t('case.insert')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
