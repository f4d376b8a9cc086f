import type { Role, StaffMember, StaffPatch } from '@calmdesk/contracts';
import { ROLES } from '@calmdesk/contracts/enums';
import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';

/** The owner changes a staff member's name, e-mail address or role; a refusal shows at its field. */
export function EditStaffForm({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ name: member.name, email: member.email, role: member.role });
  const save = useMutation({
    mutationFn: (patch: StaffPatch) => api<StaffMember>('PATCH', `/api/users/${member.id}`, patch),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: StaffPatch = {};
    if (form.name !== member.name) patch.name = form.name;
    if (form.email !== member.email) patch.email = form.email;
    if (form.role !== member.role) patch.role = form.role;
    if (Object.keys(patch).length === 0) onClose();
    else save.mutate(patch);
  };
  const error = save.error instanceof ApiError ? save.error : null;
  const at = (field: string) => error?.path === field || error?.path === `body.${field}`;
  const fieldError = (field: 'name' | 'email' | 'role') => {
    if (!at(field)) return null;
    if (field === 'email')
      return error?.code === 'conflict' ? t('admin.staff.emailTaken') : t('admin.staff.emailInvalid');
    if (field === 'role') return t('admin.staff.lastOwner');
    return t('admin.staff.nameInvalid');
  };
  const unplaced = save.isError && !['name', 'email', 'role'].some(at);
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('settings.name')}
          required
          maxLength={200}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={fieldError('name')}
        />
        <TextInput
          label={t('signIn.email')}
          type="email"
          required
          maxLength={320}
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          error={fieldError('email')}
        />
        <Select
          label={t('settings.role')}
          data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          value={form.role}
          allowDeselect={false}
          onChange={(role) => role && setForm({ ...form, role: role as Role })}
          error={fieldError('role')}
        />
        {unplaced && <Alert color="red">{t('common.error', { message: save.error?.message })}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('admin.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
