import type { CaseDetail, Channel, Customer, CustomerMergeResult, Lang } from '@calmdesk/contracts';
import { LANGS } from '@calmdesk/contracts/enums';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { useSession } from '../auth/session.ts';
import { useCustomerDirectory } from '../customers/customers-page.tsx';

/** A customer write refreshes the customer, the directory and the case pages that show them. */
function useCustomerWrite<Input, Output>(request: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['customer'] });
      void client.invalidateQueries({ queryKey: ['customers'] });
      void client.invalidateQueries({ queryKey: ['replies'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

function MergeForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<string | null>(null);
  const found = useCustomerDirectory(q, 1, 10);
  const others = (found.data?.items ?? []).filter((c) => c.id !== customer.id);
  const merge = useCustomerWrite((from: string) =>
    api<CustomerMergeResult>('POST', `/api/customers/${encodeURIComponent(customer.id)}/merge`, { from }),
  );
  const other = others.find((c) => c.id === chosen);
  return (
    <Stack>
      <Text size="sm">{t('customerEdit.mergeIntro', { name: customer.name })}</Text>
      <TextInput
        label={t('customerEdit.mergeSearch')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        type="search"
      />
      <Radio.Group label={t('customerEdit.mergeWhich')} value={chosen ?? ''} onChange={setChosen}>
        <Stack gap={6} mt={6}>
          {others.map((c) => (
            <Radio
              key={c.id}
              value={c.id}
              label={`${c.name} · ${[...c.emails, ...c.phones].join(', ') || '—'} · ${t('customers.casesCount', { count: c.caseCount })}`}
            />
          ))}
          {found.data && others.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('customerEdit.mergeNone')}
            </Text>
          )}
        </Stack>
      </Radio.Group>
      {other && (
        <Alert color="orange" data-testid="merge-warning">
          {t('customerEdit.mergeWarning', { other: other.name, kept: customer.name })}
        </Alert>
      )}
      {merge.isError && <Alert color="red">{t('common.error', { message: merge.error.message })}</Alert>}
      {merge.isSuccess && (
        <Alert color="teal" data-testid="merged">
          {t('customerEdit.merged', { cases: merge.data.moved.cases })}
        </Alert>
      )}
      <Group>
        <Button
          color="orange"
          disabled={!other}
          loading={merge.isPending}
          onClick={() => chosen && merge.mutate(chosen, { onSuccess: () => setChosen(null) })}
        >
          {t('customerEdit.mergeButton')}
        </Button>
        <Button variant="subtle" onClick={onDone}>
          {t('customerEdit.close')}
        </Button>
      </Group>
    </Stack>
  );
}

const CHANNELS: Channel[] = ['phone', 'email', 'visit', 'web', 'chat', 'review'];

function NewCaseForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState({ channel: 'phone', subject: '', body: '' });
  const email = customer.emails[0];
  const phone = customer.phones[0];
  const open = useCustomerWrite(() =>
    api<CaseDetail>('POST', '/api/cases', {
      // The customer is matched by their e-mail or phone, so the case lands on this customer.
      customer: {
        name: customer.name,
        ...(email ? { email } : phone ? { phone } : {}),
        ...(LANGS.includes(customer.language as Lang) ? { language: customer.language } : {}),
      },
      channel: form.channel,
      subject: form.subject,
      ...(form.body.trim() ? { message: { body: form.body } } : {}),
    }),
  );
  const path = open.error instanceof ApiError ? open.error.path?.split('.').at(-1) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate(undefined, {
      onSuccess: (created) => void navigate({ to: '/cases/$id', params: { id: created.id } }),
    });
  };
  if (!email && !phone) return <Alert color="gray">{t('customerEdit.newCaseNeedsContact')}</Alert>;
  return (
    <form onSubmit={submit}>
      <Stack>
        <Select
          label={t('newCase.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          value={form.channel}
          onChange={(channel) => channel && setForm((f) => ({ ...f, channel }))}
          allowDeselect={false}
        />
        <TextInput
          label={t('newCase.subject')}
          value={form.subject}
          onChange={(e) => {
            const subject = e.currentTarget.value;
            setForm((f) => ({ ...f, subject }));
          }}
          error={path === 'subject' ? t('customerEdit.subjectNeeded') : undefined}
          required
        />
        <Textarea
          label={t('newCase.message')}
          value={form.body}
          onChange={(e) => {
            const body = e.currentTarget.value;
            setForm((f) => ({ ...f, body }));
          }}
          autosize
          minRows={3}
        />
        {open.isError && path !== 'subject' && (
          <Alert color="red">{t('common.error', { message: open.error.message })}</Alert>
        )}
        <Button type="submit" loading={open.isPending} w="fit-content">
          {t('customerEdit.openCase')}
        </Button>
      </Stack>
    </form>
  );
}

/** Edit, merge and open-a-case actions on a customer's page. */
export function CustomerActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.data?.user.role;
  const canMerge = role === 'supervisor' || role === 'owner';
  const [dialog, setDialog] = useState<'merge' | 'case' | null>(null);
  if (customer.erasedAt) return null;
  const done = () => setDialog(null);
  const titles = {
    edit: t('customerEdit.edit'),
    merge: t('customerEdit.merge'),
    case: t('customerEdit.newCase'),
  };
  return (
    <>
      <Group gap="xs">
        <Button size="xs" onClick={() => setDialog('case')}>
          {t('customerEdit.newCase')}
        </Button>
        {canMerge && (
          <Button size="xs" variant="light" onClick={() => setDialog('merge')}>
            {t('customerEdit.merge')}
          </Button>
        )}
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={dialog !== null}
        onClose={done}
        title={dialog ? titles[dialog] : ''}
        size="lg"
      >
        {dialog === 'merge' && <MergeForm customer={customer} onDone={done} />}
        {dialog === 'case' && <NewCaseForm customer={customer} />}
      </Modal>
    </>
  );
}
