import { type CaseState, guide, type Lang } from '@calmdesk/analysis/core';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Coverage, distinctSteps, isSaidByCoach, splitByDraft } from './guidance-steps.ts';

/** How many steps show before "Show more": the most urgent ones. */
const FIRST_STEPS = 3;
const OPEN_KEY = 'calmdesk.case.guidanceOpen';

/**
 * The next best actions for the case, computed in the browser: explained in the interface language,
 * with phrases in the customer's language to insert in one click. A step the draft already does is
 * folded into one line at the end; a step the coach also raises under the draft keeps its phrases, but
 * not its explanation, which the coach gives. The panel folds away, and the choice is kept for the tab.
 */
export const GuidancePanel = memo(function GuidancePanel({
  state,
  coverage,
  onInsert,
}: {
  state: CaseState;
  /** The coach's reading of the draft beside the panel (useCoverage), none when no reply is written. */
  coverage: Coverage;
  onInsert: (phrase: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const steps = useMemo(() => distinctSteps(guide(state)), [state]);
  const explained = useMemo(() => {
    const ui = i18n.language as Lang;
    const inUi = ui === state.lang ? steps : guide({ ...state, lang: ui });
    return new Map(inUi.map((step) => [step.action, step]));
  }, [state, steps, i18n.language]);
  const [open, setOpenState] = useState(() => sessionStorage.getItem(OPEN_KEY) !== 'false');
  const [all, setAll] = useState(false);
  const bodyId = useId();
  const { open: toRead, done } = useMemo(() => splitByDraft(steps, coverage), [steps, coverage]);
  if (steps.length === 0) return null;
  const setOpen = (next: boolean) => {
    sessionStorage.setItem(OPEN_KEY, String(next));
    setOpenState(next);
  };
  const shown = all ? toRead : toRead.slice(0, FIRST_STEPS);
  return (
    <Stack gap="xs" component="section" aria-labelledby="guidance-title" data-testid="guidance">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="guidance-title">
            {t('case.guidance')}
          </Title>
          <Badge variant="light" color="gray">
            {t('caseWork.guidanceCount', { count: toRead.length })}
          </Badge>
        </Group>
        <Button
          size="compact-sm"
          variant="subtle"
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid="guidance-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? t('caseWork.hideGuidance') : t('caseWork.showGuidance')}
        </Button>
      </Group>
      <Stack gap="xs" id={bodyId} style={open ? undefined : { display: 'none' }}>
        {shown.map((step) => {
          const text = explained.get(step.action) ?? step;
          const isCoachSaying = isSaidByCoach(step.action, coverage);
          return (
            <Paper
              key={step.action}
              withBorder
              p="xs"
              data-action={step.action}
              data-coach-says={isCoachSaying || undefined}
            >
              <Text size="sm" fw={600}>
                {text.title}
              </Text>
              {isCoachSaying ? (
                <Text size="xs" c="dimmed">
                  <span aria-hidden>↓ </span>
                  {t('caseWork.coveredByCoach')}
                </Text>
              ) : (
                <Text size="xs" c="dimmed">
                  {text.why}
                </Text>
              )}
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
        {toRead.length > FIRST_STEPS && (
          <Button size="compact-sm" variant="subtle" w="fit-content" onClick={() => setAll(!all)}>
            {all ? t('caseWork.fewerSteps') : t('caseWork.moreSteps', { count: toRead.length - FIRST_STEPS })}
          </Button>
        )}
        {done.length > 0 && (
          <DoneSteps
            done={done.map((step) => ({
              title: (explained.get(step.action) ?? step).title,
              action: step.action,
            }))}
          />
        )}
      </Stack>
    </Stack>
  );
});

/** The steps the draft already does: one line each, so the agent sees them done without reading them again. */
function DoneSteps({ done }: { done: Array<{ title: string; action: string }> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="guidance-covered">
      <Text size="xs" fw={600} c="dimmed">
        {t('caseWork.guidanceCovered')}
      </Text>
      {done.map((step) => (
        <Text key={step.action} size="sm" data-action={step.action} data-covered="draft">
          <span aria-hidden>✓ </span>
          {step.title}
          <Text span size="xs" c="dimmed">
            {' '}
            · {t('caseWork.coveredByDraft')}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}
