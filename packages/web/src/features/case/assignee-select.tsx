import type { CaseDetail } from '@calmdesk/contracts';
import { Button, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useUsers } from '../inbox/use-cases.ts';
import { TakeButton } from './take-button.tsx';
import { useUpdateCase } from './use-case.ts';

const NOBODY = 'none';

/** Who handles the case: take it, give it to a colleague (told under their bell) or give it back. */
export function AssigneeSelect({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const users = useUsers();
  const update = useUpdateCase(item.id);
  const data = [
    { value: NOBODY, label: t('inbox.unassigned') },
    ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${t(`role.${u.role}`)})` })),
  ];
  if (item.assignee && !data.some((d) => d.value === item.assignee?.id))
    data.push({ value: item.assignee.id, label: item.assignee.name });
  return (
    <div>
      <Select
        label={t('case.assignee')}
        data-shortcut-target="assignee"
        data={data}
        value={item.assignee?.id ?? NOBODY}
        allowDeselect={false}
        disabled={update.isPending}
        error={update.isError ? errorText(t, update.error) : undefined}
        onChange={(value) => value && update.mutate({ assignee: value === NOBODY ? null : value })}
      />
      <Group gap={6} mt={6}>
        <TakeButton item={item} />
        {item.assignee && (
          <Button
            size="compact-xs"
            variant="subtle"
            data-testid="unassign"
            onClick={() => update.mutate({ assignee: null })}
          >
            {t('caseWork.unassign')}
          </Button>
        )}
      </Group>
    </div>
  );
}
