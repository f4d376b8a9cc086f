import type { CaseDetail } from '@calmdesk/contracts';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useFormat } from '../../format/use-format.ts';
import { isOverdue, useListClock } from '../commitments/list-clock.ts';
import { PromiseWhoBadge } from '../commitments/promise-who-badge.tsx';
import { TakeButton } from './take-button.tsx';

/** The open promise due soonest, ours or the customer's; undefined when none is open. */
export function nextDuePromise(
  item: Pick<CaseDetail, 'commitments'>,
): CaseDetail['commitments'][number] | undefined {
  return item.commitments
    .filter((c) => c.status === 'open')
    .reduce<CaseDetail['commitments'][number] | undefined>(
      (soonest, c) => (!soonest || Date.parse(c.dueAt) < Date.parse(soonest.dueAt) ? c : soonest),
      undefined,
    );
}

function NextPromise({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const next = nextDuePromise(item);
  const dueTimes = useMemo(() => (next ? [next.dueAt] : []), [next]);
  const now = useListClock(dueTimes);
  if (!next) {
    return (
      <Text size="sm" c="dimmed" data-testid="glance-no-promise">
        {t('caseWork.noOpenPromise')}
      </Text>
    );
  }
  const late = isOverdue(next, now);
  return (
    <Stack gap={2} data-testid="glance-promise">
      <Text size="xs" fw={600}>
        {t('caseWork.nextPromise')}
      </Text>
      <Text size="sm" dir="auto">
        {next.text}
      </Text>
      <Group gap={6}>
        <PromiseWhoBadge who={next.who} size="xs" />
        <Text size="xs" c={late ? 'var(--calm-text-error)' : 'dimmed'} fw={late ? 700 : undefined}>
          {t('case.due')}: <time dateTime={next.dueAt}>{format.dateTime(next.dueAt)}</time>
          {late && ` · ${t('caseWork.overdue')}`}
        </Text>
      </Group>
    </Stack>
  );
}

/**
 * The case's facts and main actions in a few lines, for a phone, where the full panel would come only
 * after the whole conversation: status, holder, level, the next promise due, Take, a jump to the reply
 * box, and the full panel opened in place.
 */
export function CaseGlance({
  item,
  isPanelOpen,
  panelId,
  onTogglePanel,
  onReply,
}: {
  item: CaseDetail;
  isPanelOpen: boolean;
  panelId: string;
  onTogglePanel: () => void;
  onReply: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="xs"
      component="section"
      aria-labelledby="case-glance-title"
      data-testid="case-glance"
    >
      <Stack gap={6}>
        <Title order={2} size="h5" id="case-glance-title">
          {t('caseWork.glanceTitle')}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray" data-testid="glance-status">
            {t(`status.${item.status}`)}
          </Badge>
          <LevelBadge level={item.level} />
          <Text size="sm" data-testid="glance-holder">
            {t('case.assignee')}: {item.assignee?.name ?? t('inbox.unassigned')}
          </Text>
        </Group>
        <NextPromise item={item} />
        <Group gap="xs">
          <TakeButton item={item} size="compact-sm" />
          <Button size="compact-sm" variant="light" onClick={onReply} data-testid="glance-reply">
            {t('caseWork.toReply')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            aria-expanded={isPanelOpen}
            aria-controls={panelId}
            onClick={onTogglePanel}
            data-testid="glance-panel-toggle"
          >
            {isPanelOpen ? t('caseWork.hideAllFacts') : t('caseWork.showAllFacts')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
