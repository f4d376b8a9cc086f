import type { LiveUser } from '@calmdesk/contracts';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Anna Nowak is replying": shown above the reply box while another staff member has theirs open. */
export function ReplyingNotice({ users }: { users: readonly LiveUser[] }) {
  const { t } = useTranslation();
  const names = users.map((user) => user.name);
  return (
    <div role="status" aria-live="polite">
      {names.length > 0 && (
        <Alert color="yellow" variant="light" data-testid="others-replying" p="xs" mb="sm">
          {names.length === 1
            ? t('case.oneReplying', { name: names[0] })
            : t('case.manyReplying', { names: names.join(', ') })}
        </Alert>
      )}
    </div>
  );
}
