import { LANGS } from '@calmdesk/analysis/vocabulary';
import type { Role, Settings, User } from '@calmdesk/contracts';
import { MIN_PASSWORD_LENGTH, ROLES } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText, formErrors } from '../../api/errors.ts';
import type { SettingsSearch } from '../../routing/routes.tsx';
import { useSession } from '../auth/session.ts';
import { useUsers } from '../inbox/use-cases.ts';
import { NotificationPreferencesSection } from '../notifications/notification-preferences.tsx';
import { AuditSection } from './audit-section.tsx';
import { ChannelsSection } from './channels-section.tsx';
import { ImportsSection } from './imports-section.tsx';
import { JobsSection } from './jobs-section.tsx';
import { ProfileRulesSection } from './profile-rules-section.tsx';
import { RETENTION_REPORT_KEY, RetentionSection } from './retention-section.tsx';
import { SERVICE_LEVEL_FIELDS, ServiceLevelsFields } from './service-levels-fields.tsx';
import { OwnPasswordSection, StaffAccountsSection } from './staff-section.tsx';
import { TokensSection } from './tokens-section.tsx';
import { SETTINGS_KEY, useSettings } from './use-settings.ts';

const PREFERRED = ['repair', 'voucher', 'free_session', 'replacement', 'discount'] as const;
const CURRENCIES = ['PLN', 'EUR', 'USD', 'GBP', 'SEK', 'NOK', 'DKK', 'CZK'];
/** The organisation form's fields an error can be shown under (the rest go above the save button). */
const ORGANISATION_FIELDS = [
  'body.name',
  'timeZone',
  'languages',
  'cashRefundLimit',
  'compensationPolicy.currency',
  'prefer',
  'retentionMonths',
  ...SERVICE_LEVEL_FIELDS,
];

function OrganisationForm({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(settings);
  useEffect(() => setDraft(settings), [settings]);
  const save = useMutation({
    mutationFn: (body: Settings) => api<Settings>('PATCH', '/api/settings', body),
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved);
      void client.invalidateQueries({ queryKey: RETENTION_REPORT_KEY });
    },
  });
  const policy = draft.compensationPolicy;
  const saveErrors = formErrors(t, save.error, ORGANISATION_FIELDS);
  const setPolicy = (patch: Partial<Settings['compensationPolicy']>) =>
    setDraft({ ...draft, compensationPolicy: { ...policy, ...patch } });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="organisation-title">
      <Stack>
        <Title order={2} size="h4" id="organisation-title">
          {t('settings.organisation')}
        </Title>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            {t('settings.ownerOnly')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('settings.name')}
            value={draft.name}
            disabled={!canEdit}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={saveErrors.at('body.name')}
          />
          <Select
            label={t('settings.timeZone')}
            searchable
            disabled={!canEdit}
            data={Intl.supportedValuesOf('timeZone')}
            value={draft.timeZone}
            onChange={(timeZone) => timeZone && setDraft({ ...draft, timeZone })}
            allowDeselect={false}
            error={saveErrors.at('timeZone')}
          />
          <MultiSelect
            label={t('settings.languages')}
            disabled={!canEdit}
            data={LANGS.map((l) => ({ value: l, label: t(`language.${l}`) }))}
            value={draft.languages}
            onChange={(languages) =>
              languages.length > 0 && setDraft({ ...draft, languages: languages as Settings['languages'] })
            }
            error={saveErrors.at('languages')}
          />
        </SimpleGrid>
        <ServiceLevelsFields draft={draft} setDraft={setDraft} canEdit={canEdit} errorAt={saveErrors.at} />
        <Title order={3} size="h5">
          {t('settings.policy')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('settings.cashLimit')}
            min={0}
            disabled={!canEdit}
            value={policy.cashRefundLimit}
            onChange={(value) => setPolicy({ cashRefundLimit: Number(value) || 0 })}
            error={saveErrors.at('cashRefundLimit')}
          />
          <Select
            label={t('settings.currency')}
            disabled={!canEdit}
            data={[...new Set([policy.currency, ...CURRENCIES])]}
            value={policy.currency}
            onChange={(currency) => currency && setPolicy({ currency })}
            allowDeselect={false}
            error={saveErrors.at('compensationPolicy.currency')}
          />
        </SimpleGrid>
        <OtherCurrencyLimits policy={policy} setPolicy={setPolicy} canEdit={canEdit} />
        <MultiSelect
          label={t('settings.prefer')}
          description={t('settings.preferHint')}
          disabled={!canEdit}
          data={PREFERRED.map((k) => ({ value: k, label: t(`compensationKind.${k}`) }))}
          value={policy.prefer}
          onChange={(prefer) => setPolicy({ prefer: prefer as Settings['compensationPolicy']['prefer'] })}
          error={saveErrors.at('prefer')}
        />
        <NumberInput
          label={t('gdpr.retention')}
          description={t('gdpr.retentionHint')}
          min={1}
          max={1200}
          allowDecimal={false}
          disabled={!canEdit}
          value={draft.retentionMonths ?? ''}
          onChange={(value) =>
            setDraft({
              ...draft,
              retentionMonths: value === '' ? null : Math.max(1, Math.round(Number(value))),
            })
          }
          maw={360}
          error={saveErrors.at('retentionMonths')}
        />
        {save.isSuccess && <Alert color="teal">{t('settings.saved')}</Alert>}
        {saveErrors.above && <Alert color="red">{saveErrors.above}</Alert>}
        {canEdit && (
          <Button onClick={() => save.mutate(draft)} loading={save.isPending} w="fit-content">
            {t('settings.save')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

type Policy = Settings['compensationPolicy'];

/** Limits in currencies other than the organisation's: without one, a refund there always waits. */
function OtherCurrencyLimits({
  policy,
  setPolicy,
  canEdit,
}: {
  policy: Policy;
  setPolicy: (patch: Partial<Policy>) => void;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const others = policy.otherCurrencyLimits;
  const taken = new Set([policy.currency, ...others.map((o) => o.currency)]);
  const free = CURRENCIES.filter((c) => !taken.has(c));
  const change = (index: number, patch: Partial<Policy['otherCurrencyLimits'][number]>) =>
    setPolicy({ otherCurrencyLimits: others.map((o, i) => (i === index ? { ...o, ...patch } : o)) });
  return (
    <Stack gap={6}>
      <Text size="sm">{t('settings.otherLimits')}</Text>
      {others.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('settings.otherLimitsNone')}
        </Text>
      )}
      {others.map((other, index) => (
        <Group key={other.currency} align="end" wrap="nowrap">
          <Select
            label={t('settings.currency')}
            w={110}
            disabled={!canEdit}
            data={[other.currency, ...free]}
            value={other.currency}
            onChange={(currency) => currency && change(index, { currency })}
            allowDeselect={false}
          />
          <NumberInput
            label={t('settings.cashLimitIn', { currency: other.currency })}
            min={0}
            style={{ flex: 1 }}
            disabled={!canEdit}
            value={other.limit}
            onChange={(value) => change(index, { limit: Number(value) || 0 })}
          />
          {canEdit && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => setPolicy({ otherCurrencyLimits: others.filter((_, i) => i !== index) })}
            >
              {t('settings.removeLimit')}
            </Button>
          )}
        </Group>
      ))}
      {canEdit && free.length > 0 && (
        <Button
          variant="light"
          w="fit-content"
          onClick={() =>
            setPolicy({ otherCurrencyLimits: [...others, { currency: free[0] as string, limit: 0 }] })
          }
        >
          {t('settings.addLimit')}
        </Button>
      )}
    </Stack>
  );
}

function AddUserForm({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { name: '', email: '', password: '', role: 'agent' as Role };
  const [form, setForm] = useState(empty);
  const add = useMutation({
    mutationFn: () => api<User>('POST', '/api/users', form),
    onSuccess: () => {
      setForm(empty);
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const addErrors = formErrors(t, add.error, ['name', 'email', 'password', 'role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('settings.addUser')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label={t('settings.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={addErrors.at('name')}
          />
          <TextInput
            label={t('signIn.email')}
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={addErrors.at('email')}
          />
          <PasswordInput
            label={t('signIn.password')}
            description={t('settings.passwordHint')}
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={addErrors.at('password')}
          />
          <Select
            label={t('settings.role')}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={form.role}
            onChange={(role) => role && setForm({ ...form, role: role as Role })}
            allowDeselect={false}
            error={addErrors.at('role')}
          />
        </SimpleGrid>
        {addErrors.above && <Alert color="red">{addErrors.above}</Alert>}
        {add.isSuccess && <Alert color="teal">{t('settings.userAdded')}</Alert>}
        <Button type="submit" loading={add.isPending} w="fit-content">
          {t('settings.addUser')}
        </Button>
      </Stack>
    </form>
  );
}

function UsersSection() {
  const { t } = useTranslation();
  const session = useSession();
  const users = useUsers();
  const role = session.data?.user.role;
  // A supervisor may add agents; the owner manages every account in the staff section instead.
  const roles: Role[] = role === 'supervisor' ? ['agent'] : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="users-title">
      <Stack>
        <Title order={2} size="h4" id="users-title">
          {t('settings.users')}
        </Title>
        {users.isPending && <Loader aria-label={t('common.loading')} />}
        {users.data && (
          <Table layout="fixed" style={{ overflowWrap: 'anywhere' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.name')}</Table.Th>
                <Table.Th>{t('signIn.email')}</Table.Th>
                <Table.Th>{t('settings.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{t(`role.${user.role}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {roles.length > 0 && <AddUserForm roles={roles} />}
      </Stack>
    </Paper>
  );
}

const settingsRoute = getRouteApi('/settings');

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const search = settingsRoute.useSearch();
  const navigate = useNavigate();
  const role = session.data?.user.role;
  // Supervisors see the mailboxes and retry failed mail; only the owner adds and changes them.
  const seesChannels = role === 'owner' || role === 'supervisor';
  const isOwner = role === 'owner';
  // Supervisors import and read the audit log; API tokens are the owner's.
  const allowed = new Set(
    seesChannels ? ['channels', 'imports', 'audit', ...(isOwner ? ['tokens'] : [])] : [],
  );
  const tab = search.tab && allowed.has(search.tab) ? search.tab : 'general';
  return (
    <Stack maw={960}>
      <Title order={1} size="h3">
        {t('settings.title')}
      </Title>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) =>
          void navigate({
            to: '/settings',
            search: value && value !== 'general' ? { tab: value as SettingsSearch['tab'] } : {},
          })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="general">{t('settings.tabs.general')}</Tabs.Tab>
          {seesChannels && <Tabs.Tab value="channels">{t('settings.tabs.channels')}</Tabs.Tab>}
          {isOwner && <Tabs.Tab value="tokens">{t('admin.tabs.tokens')}</Tabs.Tab>}
          {seesChannels && <Tabs.Tab value="imports">{t('admin.tabs.imports')}</Tabs.Tab>}
          {seesChannels && <Tabs.Tab value="audit">{t('admin.tabs.audit')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <Stack>
            {settings.isPending && <Loader aria-label={t('common.loading')} />}
            {settings.isError && <Alert color="red">{errorText(t, settings.error)}</Alert>}
            {settings.data && <OrganisationForm settings={settings.data} canEdit={role === 'owner'} />}
            <ProfileRulesSection canEdit={role === 'owner'} />
            {role === 'owner' && <RetentionSection />}
            {role === 'owner' && <JobsSection />}
            {role === 'owner' ? (
              <StaffAccountsSection>
                <AddUserForm roles={ROLES} />
              </StaffAccountsSection>
            ) : (
              <UsersSection />
            )}
            <OwnPasswordSection />
            {session.data && (
              <NotificationPreferencesSection role={session.data.user.role} email={session.data.user.email} />
            )}
          </Stack>
        </Tabs.Panel>
        {seesChannels && (
          <Tabs.Panel value="channels" pt="md">
            <ChannelsSection canEdit={role === 'owner'} />
          </Tabs.Panel>
        )}
        {isOwner && (
          <Tabs.Panel value="tokens" pt="md">
            <TokensSection />
          </Tabs.Panel>
        )}
        {seesChannels && (
          <Tabs.Panel value="imports" pt="md">
            <ImportsSection />
          </Tabs.Panel>
        )}
        {seesChannels && (
          <Tabs.Panel value="audit" pt="md">
            <AuditSection />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
