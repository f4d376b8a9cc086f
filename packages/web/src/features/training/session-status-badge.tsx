import type { TrainingStatus } from '@calmdesk/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<TrainingStatus, string> = {
  assigned: 'blue',
  active: 'gray',
  resolved: 'teal',
  escalated: 'orange',
  lost: 'red',
};

export function SessionStatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-status={status}>
      {t(`training.status.${status}`)}
    </Badge>
  );
}
