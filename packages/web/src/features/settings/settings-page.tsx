import {
  Alert,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role, User } from '../../api/types.ts';

interface Settings {
  name: string;
  timeZone: string;
  firstResponseMinutes: Record<'calm' | 'upset' | 'angry' | 'hostile', number>;
  compensationPolicy: { cashRefundLimit: number; currency: string };
}

const LEVELS = ['calm', 'upset', 'angry', 'hostile'] as const;

function OrganisationForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(settings);
  useEffect(() => setDraft(settings), [settings]);
  const save = useMutation({
    mutationFn: (body: Settings) => api<Settings>('PATCH', '/api/settings', body),
    onSuccess: (saved) => client.setQueryData(['settings'], saved),
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('settings.organisation')}
        </Title>
        <Group grow wrap="wrap">
          <TextInput
            label={t('settings.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <Select
            label={t('settings.timeZone')}
            searchable
            data={Intl.supportedValuesOf('timeZone')}
            value={draft.timeZone}
            onChange={(timeZone) => timeZone && setDraft({ ...draft, timeZone })}
            allowDeselect={false}
          />
        </Group>
        <Title order={3} size="h5">
          {t('settings.targets')}
        </Title>
        <Group grow wrap="wrap">
          {LEVELS.map((level) => (
            <NumberInput
              key={level}
              label={t(`level.${level}`)}
              min={1}
              value={draft.firstResponseMinutes[level]}
              onChange={(value) =>
                setDraft({
                  ...draft,
                  firstResponseMinutes: { ...draft.firstResponseMinutes, [level]: Number(value) },
                })
              }
            />
          ))}
        </Group>
        <Title order={3} size="h5">
          {t('settings.policy')}
        </Title>
        <NumberInput
          label={t('settings.cashLimit')}
          min={0}
          value={draft.compensationPolicy.cashRefundLimit}
          suffix={` ${draft.compensationPolicy.currency}`}
          onChange={(value) =>
            setDraft({
              ...draft,
              compensationPolicy: { ...draft.compensationPolicy, cashRefundLimit: Number(value) },
            })
          }
        />
        {save.isSuccess && <Alert color="teal">{t('settings.saved')}</Alert>}
        {save.isError && <Alert color="red">{save.error.message}</Alert>}
        <Button onClick={() => save.mutate(draft)} loading={save.isPending} w="fit-content">
          {t('settings.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

function UsersTable() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: User[] }>('GET', '/api/users') });
  if (!users.data) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('settings.users')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.name')}</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>{t('settings.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.data.items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.name}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{t(`role.${user.role satisfies Role}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api<Settings>('GET', '/api/settings') });
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('settings.title')}
      </Title>
      {settings.isPending && <Loader aria-label={t('common.loading')} />}
      {settings.isError && (
        <Alert color="red">{t('common.error', { message: settings.error.message })}</Alert>
      )}
      {settings.data && <OrganisationForm settings={settings.data} />}
      <UsersTable />
    </Stack>
  );
}
