import type { EscalationReason } from '@calmdesk/contracts';
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format/use-format.ts';

/**
 * An escalated case's mark and why: a missed first response, our overdue promise, or a colleague.
 * `compact` says only "escalated"; `mark` shows an arrow instead, the word kept in its label and
 * tooltip, where a row has no room for the word beside the level and the flags.
 */
export function EscalationBadge({
  escalatedAt,
  reason,
  compact = false,
  mark = false,
}: {
  escalatedAt: string | null;
  reason: EscalationReason | null;
  compact?: boolean;
  mark?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!escalatedAt) return null;
  const word = compact || mark ? t('escalation.badge') : t(`escalation.reason.${reason ?? 'manual'}`);
  const since = t('escalation.since', { at: format.dateTime(escalatedAt) });
  if (mark) {
    return (
      <Tooltip label={`${word} · ${since}`} withArrow>
        <Badge
          color="orange"
          variant="filled"
          size="sm"
          tt="none"
          data-testid="escalation-badge"
          data-reason={reason ?? 'manual'}
          aria-label={word}
        >
          ▲
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={since} withArrow>
      <Badge
        color="orange"
        variant={compact ? 'light' : 'filled'}
        size={compact ? 'sm' : 'md'}
        tt="none"
        data-testid="escalation-badge"
        data-reason={reason ?? 'manual'}
        style={{ whiteSpace: 'normal', height: 'auto' }}
      >
        {word}
      </Badge>
    </Tooltip>
  );
}
