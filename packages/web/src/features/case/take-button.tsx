import type { CaseSummary } from '@calmdesk/contracts';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.ts';
import { useUpdateCase } from './use-case.ts';

/** "Take": the signed-in person holds the case from now on. Not shown on a case they already hold. */
export function TakeButton({ item, size = 'compact-xs' }: { item: CaseSummary; size?: string }) {
  const { t } = useTranslation();
  const me = useSession().data?.user.id;
  const update = useUpdateCase(item.id);
  if (!me || item.assignee?.id === me) return null;
  return (
    <Button
      size={size}
      variant="light"
      data-testid="take-case"
      aria-label={`${t('caseWork.take')}: ${item.subject}`}
      loading={update.isPending}
      onClick={(event) => {
        // In an inbox row a click elsewhere opens the case; taking it leaves the agent where they are.
        event.stopPropagation();
        update.mutate({ assignee: me });
      }}
    >
      {t('caseWork.take')}
    </Button>
  );
}
