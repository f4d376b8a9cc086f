import type { EscalationReason } from '@calmdesk/contracts';
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/use-format.ts';

/** An escalated case's mark and why: a missed first response, our overdue promise, or a colleague. */
export function EscalationBadge({
  escalatedAt,
  reason,
  compact = false,
}: {
  escalatedAt: string | null;
  reason: EscalationReason | null;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!escalatedAt) return null;
  const label = compact ? t('escalation.badge') : t(`escalation.reason.${reason ?? 'manual'}`);
  return (
    <Tooltip label={t('escalation.since', { at: format.dateTime(escalatedAt) })} withArrow>
      <Badge
        color="orange"
        variant={compact ? 'light' : 'filled'}
        size={compact ? 'sm' : 'md'}
        tt="none"
        data-testid="escalation-badge"
        data-reason={reason ?? 'manual'}
        style={{ whiteSpace: 'normal', height: 'auto' }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
