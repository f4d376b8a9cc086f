import type { CaseDetail } from '@calmdesk/contracts';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { useUsers } from '../inbox/use-cases.ts';
import { useUpdateCase } from './use-case.ts';

const NOBODY = 'none';

/** Who handles the case; giving it to someone tells them under their bell. */
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
  );
}
