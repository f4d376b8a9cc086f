import type { PasswordResetResult, StaffMember } from '@calmdesk/contracts';
import { MIN_PASSWORD_LENGTH } from '@calmdesk/contracts/enums';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText, formErrors } from '../../api/errors.ts';
import { EditStaffForm } from './staff-edit.tsx';

const STAFF_KEY = ['users', 'staff'];

type Action = { kind: 'disable' | 'enable' | 'signOut' | 'reset' | 'edit'; member: StaffMember };

/** The owner's view of every staff account: disable or enable it, reset its password, sign it out. */
/** The owner's list of every account with its actions; `children` (the form adding one) comes under it. */
export function StaffAccountsSection({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const staff = useQuery({
    queryKey: STAFF_KEY,
    queryFn: () => api<{ items: StaffMember[] }>('GET', '/api/users/staff'),
  });
  // The action stays set while the dialog closes, so the closing dialog keeps its title (its name).
  const [action, setAction] = useState<Action | null>(null);
  const [isOpen, setOpen] = useState(false);
  // Each opening starts a fresh form, even for the same action twice.
  const [openings, setOpenings] = useState(0);
  const open = (next: Action) => {
    setAction(next);
    setOpenings((n) => n + 1);
    setOpen(true);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="staff-accounts-title">
      <Stack>
        <Title order={2} size="h4" id="staff-accounts-title">
          {t('staff.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('staff.hint')}
        </Text>
        {staff.isPending && <Loader aria-label={t('common.loading')} />}
        {staff.isError && <Alert color="red">{errorText(t, staff.error)}</Alert>}
        {staff.data && (
          <Table layout="fixed" style={{ overflowWrap: 'anywhere' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.name')}</Table.Th>
                <Table.Th>{t('staff.status')}</Table.Th>
                <Table.Th>{t('staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.items.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    {member.name}
                    <Text size="xs" c="dimmed">
                      {member.email} · {t(`role.${member.role}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {member.disabledAt ? (
                      <Badge color="gray">{t('staff.disabled')}</Badge>
                    ) : (
                      <Badge color="teal">{t('staff.active')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="xs" variant="light" onClick={() => open({ kind: 'edit', member })}>
                        {t('admin.staff.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        color={member.disabledAt ? 'teal' : 'red'}
                        onClick={() => open({ kind: member.disabledAt ? 'enable' : 'disable', member })}
                      >
                        {member.disabledAt ? t('staff.enable') : t('staff.disable')}
                      </Button>
                      <Button size="xs" variant="light" onClick={() => open({ kind: 'reset', member })}>
                        {t('staff.resetPassword')}
                      </Button>
                      <Button size="xs" variant="light" onClick={() => open({ kind: 'signOut', member })}>
                        {t('staff.signOutEverywhere')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {children}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={isOpen}
        onClose={() => setOpen(false)}
        title={
          action?.kind === 'edit'
            ? t('admin.staff.editTitle', { name: action.member.name })
            : action
              ? t(`staff.confirm.${action.kind}Title`, { name: action.member.name })
              : ''
        }
      >
        {action?.kind === 'edit' ? (
          <EditStaffForm key={openings} member={action.member} onClose={() => setOpen(false)} />
        ) : (
          action && <ConfirmAction key={openings} action={action} onClose={() => setOpen(false)} />
        )}
      </Modal>
    </Paper>
  );
}

function ConfirmAction({ action, onClose }: { action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const { member } = action;
  const run = useMutation({
    mutationFn: async (): Promise<PasswordResetResult | null> => {
      if (action.kind === 'reset') {
        return api<PasswordResetResult>(
          'POST',
          `/api/users/${member.id}/password`,
          password ? { password } : {},
        );
      }
      if (action.kind === 'signOut') await api('DELETE', `/api/users/${member.id}/sessions`);
      else await api('PUT', `/api/users/${member.id}/disabled`, { disabled: action.kind === 'disable' });
      return null;
    },
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      if (!result?.oneTimePassword) onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };
  if (run.data?.oneTimePassword) {
    return (
      <Stack>
        <Alert color="teal">{t('staff.oneTimePasswordShown', { name: member.name })}</Alert>
        <Code block fz="lg">
          {run.data.oneTimePassword}
        </Code>
        <Button onClick={onClose} w="fit-content">
          {t('common.close')}
        </Button>
      </Stack>
    );
  }
  const runErrors = formErrors(t, run.error, action.kind === 'reset' ? ['password'] : []);
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text>{t(`staff.confirm.${action.kind}`, { name: member.name })}</Text>
        {action.kind === 'reset' && (
          <PasswordInput
            label={t('staff.newPassword')}
            description={t('staff.resetPasswordHint')}
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={runErrors.at('password')}
          />
        )}
        {runErrors.above && <Alert color="red">{runErrors.above}</Alert>}
        <Group>
          <Button type="submit" loading={run.isPending} color={action.kind === 'disable' ? 'red' : undefined}>
            {t(`staff.confirm.${action.kind}Button`)}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Anyone changes their own password here; their other sessions end, this one goes on. */
export function OwnPasswordSection() {
  const { t } = useTranslation();
  const empty = { currentPassword: '', newPassword: '' };
  const [form, setForm] = useState(empty);
  const change = useMutation({
    mutationFn: () => api('PUT', '/api/session/password', form),
    onSuccess: () => setForm(empty),
  });
  const changeErrors = formErrors(t, change.error, ['currentPassword', 'newPassword']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="own-password-title">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h4" id="own-password-title">
            {t('staff.changeOwnPassword')}
          </Title>
          <PasswordInput
            label={t('staff.currentPassword')}
            required
            autoComplete="current-password"
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })}
            error={changeErrors.at('currentPassword')}
          />
          <PasswordInput
            label={t('staff.newPassword')}
            description={t('settings.passwordHint')}
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.currentTarget.value })}
            error={changeErrors.at('newPassword')}
          />
          {changeErrors.above && <Alert color="red">{changeErrors.above}</Alert>}
          {change.isSuccess && <Alert color="teal">{t('staff.passwordChanged')}</Alert>}
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('staff.changeOwnPassword')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
