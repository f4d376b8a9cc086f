import type { Interaction } from '@calmdesk/contracts';
import { Badge, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { memo, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceText } from '../../components/evidence-text.tsx';
import { FlagChips, isAbuseFlag } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useFormat } from '../../format/use-format.ts';
import { DeliveryBadge, DeliveryFailure, MailFiles } from './mail-parts.tsx';

function InteractionCard({ item, revealAbuse }: { item: Interaction; revealAbuse: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const inbound = item.kind === 'inbound';
  return (
    <Card
      withBorder
      padding="sm"
      bg={inbound ? undefined : item.kind === 'note' ? 'yellow.0' : 'gray.0'}
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
        </Group>
        <Text size="xs" c="dimmed" component="time" dateTime={item.createdAt}>
          {format.dateTime(item.createdAt)}
        </Text>
      </Group>
      {item.analysis ? (
        <Stack gap={6}>
          <EvidenceText text={item.body} evidence={item.analysis.evidence} revealAbuse={revealAbuse} />
          <FlagChips flags={item.analysis.flags} />
        </Stack>
      ) : (
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.body}</Text>
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
