import type { Flag } from '@calmdesk/analysis';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const ABUSE: ReadonlySet<Flag> = new Set(['profanity', 'insult', 'threat_violence']);
const THREAT: ReadonlySet<Flag> = new Set(['threat_legal', 'threat_public', 'churn_threat']);

function flagColor(flag: Flag): string {
  if (ABUSE.has(flag)) return 'red';
  if (THREAT.has(flag)) return 'orange';
  if (flag === 'gratitude') return 'teal';
  return 'gray';
}

export function FlagChips({ flags }: { flags: readonly Flag[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {flags.map((flag) => (
        <Badge key={flag} size="sm" variant="light" color={flagColor(flag)}>
          {t(`flag.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}

export const isAbuseFlag = (flag: Flag) => ABUSE.has(flag);
