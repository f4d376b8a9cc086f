import type { Lang } from '@calmdesk/analysis';
import type { TrainingScenarioSummary } from '@calmdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { AngerMeter } from './anger-meter.tsx';
import { AssignDialog } from './assign-dialog.tsx';
import { languagesFirst, unwrapLines } from './training-logic.ts';
import { useCreateTrainingSession, useScenarios } from './use-training.ts';

function ScenarioCard({
  scenario,
  canAssign,
  onAssign,
}: {
  scenario: TrainingScenarioSummary;
  canAssign: boolean;
  onAssign: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useCreateTrainingSession();
  const titleId = `scenario-${scenario.id}`;
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-labelledby={titleId}
      data-testid="scenario"
      data-scenario-id={scenario.id}
    >
      <Stack gap="xs" h="100%">
        <Title order={3} size="h5" id={titleId}>
          {scenario.title}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="blue">
            {t(`profile.type.${scenario.persona}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('training.upTo', { count: scenario.turnsAtMost })}
          </Text>
        </Group>
        <Text size="sm" lang={scenario.language} style={{ flexGrow: 1 }}>
          {unwrapLines(scenario.situation)}
        </Text>
        <AngerMeter anger={scenario.startAnger} />
        {start.isError && <Alert color="red">{errorText(t, start.error)}</Alert>}
        <Group gap="xs">
          <Button
            size="sm"
            loading={start.isPending}
            onClick={() =>
              start.mutate(
                { scenario: scenario.id },
                {
                  onSuccess: (session) => void navigate({ to: '/training/$id', params: { id: session.id } }),
                },
              )
            }
            aria-describedby={titleId}
          >
            {t('training.start')}
          </Button>
          {canAssign && (
            <Button size="sm" variant="light" onClick={onAssign} aria-describedby={titleId}>
              {t('training.assign')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The scenarios to practise, one language at a time, the interface language's first. */
export function ScenarioList({ canAssign, myId }: { canAssign: boolean; myId: string }) {
  const { t, i18n } = useTranslation();
  const languages = languagesFirst(i18n.language);
  const [chosen, setChosen] = useState<Lang | null>(null);
  const language = chosen ?? languages[0] ?? 'en';
  const scenarios = useScenarios(language);
  const [assigning, setAssigning] = useState<TrainingScenarioSummary | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="scenarios-title">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="scenarios-title">
          {t('training.scenarios')}
        </Title>
        <SegmentedControl
          aria-label={t('training.scenarioLanguage')}
          value={language}
          onChange={(value) => setChosen(value as Lang)}
          data={languages.map((lang) => ({ value: lang, label: t(`language.${lang}`) }))}
        />
      </Group>
      {scenarios.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {scenarios.isError && <Alert color="red">{errorText(t, scenarios.error)}</Alert>}
      {scenarios.data?.scenarios.length === 0 && <Text c="dimmed">{t('training.noScenarios')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {scenarios.data?.scenarios.map((scenario) => (
          <ScenarioCard
            key={scenario.id}
            scenario={scenario}
            canAssign={canAssign}
            onAssign={() => setAssigning(scenario)}
          />
        ))}
      </SimpleGrid>
      {canAssign && <AssignDialog scenario={assigning} myId={myId} onClose={() => setAssigning(null)} />}
    </Stack>
  );
}
