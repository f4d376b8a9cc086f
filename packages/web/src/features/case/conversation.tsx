import type { Interaction } from '@calmdesk/contracts';
import { Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { memo, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceText } from '../../components/evidence-text.tsx';
import { FlagChips, isAbuseFlag } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useFormat } from '../../format/use-format.ts';
import { DeliveryBadge, DeliveryFailure, MailFiles } from './mail-parts.tsx';

/** A message longer than this is shown folded, so one long mail does not push the reply box far down. */
const FOLD_CHARACTERS = 1_500;
const FOLD_LINES = 24;

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= FOLD_LINES; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Folds a long message to its first screenful, with a button that shows the whole of it. */
function LongBody({ length, lines, children }: { length: number; lines: number; children: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const id = useId();
  if (length <= FOLD_CHARACTERS && lines <= FOLD_LINES) return children;
  return (
    <Stack gap={4}>
      <div id={id} className={open ? undefined : 'folded-body'}>
        {children}
      </div>
      <Button
        variant="subtle"
        size="compact-sm"
        w="fit-content"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? t('case.foldMessage') : t('case.unfoldMessage', { length: format.number(length) })}
      </Button>
    </Stack>
  );
}

function InteractionCard({ item, revealAbuse }: { item: Interaction; revealAbuse: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const inbound = item.kind === 'inbound';
  return (
    <Card
      withBorder
      padding="sm"
      bg={
        inbound ? undefined : item.kind === 'note' ? 'var(--calm-surface-note)' : 'var(--calm-surface-muted)'
      }
      ml={inbound ? 0 : 'xl'}
      data-kind={item.kind}
    >
      <Group justify="space-between" mb={6} wrap="wrap">
        <Group gap="xs">
          <Badge variant="outline" color={inbound ? 'blue' : 'gray'}>
            {t(`case.${item.kind}`)}
          </Badge>
          {item.author && <Text size="sm">{item.author.name}</Text>}
          {item.analysis && <LevelBadge level={item.analysis.level} />}
          {item.overriddenBy && (
            <Badge color="red" variant="light">
              {t('case.overridden')}
            </Badge>
          )}
          {item.delivery && <DeliveryBadge delivery={item.delivery} />}
          {item.via && (
            <Text size="xs" c="dimmed" data-testid="entry-via">
              {t('caseWork.viaLine', { via: t(`caseWork.via.${item.via}`) })}
            </Text>
          )}
          {item.call && (
            <Text size="xs" c="dimmed" data-testid="entry-call">
              {t('caseWork.callLine', {
                direction: t(
                  item.call.direction === 'inbound' ? 'caseWork.callInbound' : 'caseWork.callOutbound',
                ),
                minutes: format.number(item.call.minutes),
              })}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed" component="time" dateTime={item.createdAt}>
          {format.dateTime(item.createdAt)}
        </Text>
      </Group>
      {item.analysis ? (
        <Stack gap={6}>
          <LongBody length={item.body.length} lines={lineCount(item.body)}>
            <EvidenceText text={item.body} evidence={item.analysis.evidence} revealAbuse={revealAbuse} />
          </LongBody>
          <FlagChips flags={item.analysis.flags} />
        </Stack>
      ) : (
        <LongBody length={item.body.length} lines={lineCount(item.body)}>
          <Text dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.body}
          </Text>
        </LongBody>
      )}
      {item.mail && <MailFiles mail={item.mail} />}
      {item.delivery && <DeliveryFailure delivery={item.delivery} />}
    </Card>
  );
}

export const Conversation = memo(function Conversation({
  interactions,
  earlier,
}: {
  interactions: Interaction[];
  /** Shown above the first entry: the way to older entries of a long log. */
  earlier?: ReactNode;
}) {
  const { t } = useTranslation();
  const [revealAbuse, setRevealAbuse] = useState(false);
  const hasAbuse = interactions.some((i) => i.analysis?.evidence.some((e) => isAbuseFlag(e.flag)));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('case.conversation')}
        </Title>
        {hasAbuse && (
          <Switch
            label={t('case.reveal')}
            checked={revealAbuse}
            onChange={(e) => setRevealAbuse(e.currentTarget.checked)}
            data-testid="reveal-abuse"
          />
        )}
      </Group>
      {earlier}
      {interactions.map((item) => (
        <InteractionCard key={item.id} item={item} revealAbuse={revealAbuse} />
      ))}
    </Stack>
  );
});
