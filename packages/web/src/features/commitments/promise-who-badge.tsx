import type { Commitment } from '@calmdesk/contracts';
import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whose promise it is: ours (teal) or the customer's (grape). */
export function PromiseWhoBadge({ who, size }: { who: Commitment['who']; size: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color={who === 'us' ? 'teal' : 'grape'}>
      {t(`case.who.${who}`)}
    </Badge>
  );
}
