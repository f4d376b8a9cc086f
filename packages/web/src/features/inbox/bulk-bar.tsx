import type { CaseBulk, CaseBulkResult, User } from '@calmdesk/contracts';
import { CASE_STATUSES } from '@calmdesk/contracts/enums';
import { Alert, Button, Group, List, Paper, Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

const NOBODY = 'none';

/**
 * What to do with the ticked cases: assign them, set their status or close them, in one request; each
 * case the server refused is named with its reason.
 */
export function BulkBar({
  ids,
  subjects,
  users,
  onDone,
}: {
  ids: string[];
  /** Each ticked case's subject, to name the ones that refused. */
  subjects: ReadonlyMap<string, string>;
  users: readonly User[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: (change: CaseBulk['change']) =>
      api<CaseBulkResult>('POST', '/api/cases/bulk', { ids, change } satisfies CaseBulk),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ['cases'] });
      if (result.failed === 0) onDone();
    },
  });
  const result = apply.data;
  return (
    <Paper withBorder p="xs" className="inbox-bulk" role="region" aria-label={t('inboxList.bulkTitle')}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('inboxList.selected', { count: ids.length })}
        </Text>
        <Select
          size="xs"
          aria-label={t('inboxList.assignTo')}
          placeholder={t('inboxList.assignTo')}
          data={[
            { value: NOBODY, label: t('inboxList.nobody') },
            ...users.map((user) => ({ value: user.id, label: user.name })),
          ]}
          value={null}
          onChange={(value) => value && apply.mutate({ assignee: value === NOBODY ? null : value })}
          w={180}
          disabled={apply.isPending}
        />
        <Select
          size="xs"
          aria-label={t('inboxList.setStatus')}
          placeholder={t('inboxList.setStatus')}
          data={CASE_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          value={null}
          onChange={(status) => status && apply.mutate({ status: status as (typeof CASE_STATUSES)[number] })}
          w={170}
          disabled={apply.isPending}
        />
        <Button
          size="xs"
          color="red"
          variant="light"
          loading={apply.isPending}
          onClick={() => apply.mutate({ status: 'closed' })}
        >
          {t('inboxList.close')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('inboxList.clearSelection')}
        </Button>
      </Group>
      {apply.isError && (
        <Alert color="red" mt="xs">
          {errorText(t, apply.error)}
        </Alert>
      )}
      {result && result.failed > 0 && (
        <Alert
          color="orange"
          mt="xs"
          title={t('inboxList.partly', { changed: result.changed, failed: result.failed })}
        >
          <List size="sm">
            {result.results
              .filter((entry) => !entry.ok)
              .map((entry) => (
                <List.Item key={entry.id}>
                  {subjects.get(entry.id) ?? entry.id}:{' '}
                  {entry.error ? t(`errors.code.${entry.error.code}`) : ''}
                </List.Item>
              ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}
