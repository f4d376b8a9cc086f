import type { Commitment, CommitmentStatus } from '@calmdesk/contracts';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useSetCommitmentStatus } from './use-commitments.ts';

const OUTCOMES = [
  { status: 'kept', label: 'markKept', color: 'teal' },
  { status: 'missed', label: 'markMissed', color: 'red' },
  { status: 'cancelled', label: 'markCancelled', color: 'gray' },
] as const satisfies ReadonlyArray<{ status: CommitmentStatus; label: string; color: string }>;

/** Kept / missed / cancelled for an open promise, each button naming the promise for screen readers. */
export function CommitmentActions({
  commitment,
}: {
  commitment: Pick<Commitment, 'id' | 'text' | 'status'>;
}) {
  const { t } = useTranslation();
  const set = useSetCommitmentStatus();
  if (commitment.status !== 'open') return null;
  return (
    <Group gap={4} wrap="wrap" data-testid="commitment-actions">
      {OUTCOMES.map((outcome) => (
        <Button
          key={outcome.status}
          size="compact-xs"
          variant="light"
          color={outcome.color}
          loading={set.isPending && set.variables?.status === outcome.status}
          disabled={set.isPending}
          data-outcome={outcome.status}
          aria-label={`${t(`caseWork.${outcome.label}`)}: ${commitment.text}`}
          onClick={() => set.mutate({ id: commitment.id, status: outcome.status })}
        >
          {t(`caseWork.${outcome.label}`)}
        </Button>
      ))}
      {set.isError && (
        <Text size="xs" c="var(--calm-text-error)" role="alert">
          {errorText(t, set.error)}
        </Text>
      )}
    </Group>
  );
}
