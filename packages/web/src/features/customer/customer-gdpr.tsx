import type {
  Customer,
  CustomerDetail,
  CustomerPatch,
  ErasureResult,
  Lang,
  LegalHold,
  Salutation,
} from '@calmdesk/contracts';
import { LANGS, SALUTATIONS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  Radio,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { formErrors } from '../../api/errors.ts';
import { useSession } from '../auth/session.ts';

/** The holds a refused erasure names, from the 409's body. */
export function holdsOf(error: unknown): LegalHold[] {
  if (!(error instanceof ApiError) || error.code !== 'legal_hold') return [];
  const holds = (error.body as { error?: { holds?: LegalHold[] } } | undefined)?.error?.holds;
  return Array.isArray(holds) ? holds : [];
}

/** Export, erase and correct: the customer page's GDPR actions, each offered to the roles that may use it. */
export function CustomerGdprActions({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const [dialog, setDialog] = useState<'edit' | 'erase' | null>(null);
  const close = () => setDialog(null);
  // The erasure's summary stays open after the page shows the customer as erased.
  const isErased = customer.erasedAt !== null;
  if (isErased && dialog === null) return null;
  return (
    <Group gap="xs">
      {!isErased && (
        <Button size="xs" variant="light" onClick={() => setDialog('edit')}>
          {t('gdpr.edit')}
        </Button>
      )}
      {!isErased && (role === 'owner' || role === 'supervisor') && (
        <Button
          size="xs"
          variant="light"
          component="a"
          href={`/api/customers/${customer.id}/export`}
          download
        >
          {t('gdpr.export')}
        </Button>
      )}
      {!isErased && role === 'owner' && (
        <Button size="xs" variant="light" color="red" onClick={() => setDialog('erase')}>
          {t('gdpr.erase')}
        </Button>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={dialog === 'edit'}
        onClose={close}
        title={t('gdpr.editTitle')}
      >
        <EditForm customer={customer} onDone={close} />
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={dialog === 'erase'}
        onClose={close}
        title={t('gdpr.eraseTitle')}
        size="lg"
      >
        <EraseForm customerId={customer.id} onCancel={close} />
      </Modal>
    </Group>
  );
}

function EditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    name: customer.name,
    emails: customer.emails,
    phones: customer.phones,
    language: LANGS.includes(customer.language as Lang) ? (customer.language as string) : '',
    salutation: customer.salutation ?? '',
  });
  const save = useMutation({
    mutationFn: (patch: CustomerPatch) => api<Customer>('PATCH', `/api/customers/${customer.id}`, patch),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['customer', customer.id] });
      // The directory and the case pages' saved replies show the name and the form of address too.
      void client.invalidateQueries({ queryKey: ['customers'] });
      void client.invalidateQueries({ queryKey: ['replies'] });
      onDone();
    },
  });
  const saveErrors = formErrors(t, save.error, ['name', 'emails', 'phones']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      name: draft.name,
      emails: draft.emails,
      phones: draft.phones,
      language: (draft.language || null) as Lang | null,
      salutation: (draft.salutation || null) as Salutation | null,
    });
  };
  const conflict = save.error instanceof ApiError && save.error.code === 'conflict';
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label={t('gdpr.name')}
          required
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={saveErrors.at('name')}
        />
        <TagsInput
          label={t('customer.email')}
          description={t('gdpr.listHint')}
          value={draft.emails}
          onChange={(emails) => setDraft({ ...draft, emails })}
          error={conflict ? t('customerEdit.taken') : saveErrors.at('emails')}
        />
        <TagsInput
          label={t('customer.phone')}
          description={t('gdpr.listHint')}
          value={draft.phones}
          onChange={(phones) => setDraft({ ...draft, phones })}
          error={saveErrors.at('phones')}
        />
        <Select
          label={t('customerEdit.language')}
          data={[
            { value: '', label: t('customerEdit.unknown') },
            ...LANGS.map((lang) => ({ value: lang, label: t(`language.${lang}`) })),
          ]}
          value={draft.language}
          onChange={(language) => setDraft({ ...draft, language: language ?? '' })}
          allowDeselect={false}
        />
        <Radio.Group
          label={t('customerEdit.salutation')}
          description={t('customerEdit.salutationHint')}
          value={draft.salutation}
          onChange={(salutation) => setDraft({ ...draft, salutation })}
        >
          <Group gap="md" mt={6}>
            {SALUTATIONS.map((option) => (
              <Radio key={option} value={option} label={t(`customerEdit.salutations.${option}`)} />
            ))}
            <Radio value="" label={t('customerEdit.unknown')} />
          </Group>
        </Radio.Group>
        {saveErrors.above && !conflict && (
          <Alert color="red" role="alert">
            {saveErrors.above}
          </Alert>
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t('gdpr.save')}
        </Button>
      </Stack>
    </form>
  );
}

function EraseForm({ customerId, onCancel }: { customerId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const erase = useMutation({
    mutationFn: () => api<ErasureResult>('POST', `/api/customers/${customerId}/erase`, { reason }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['customer', customerId] }),
  });
  if (erase.data) return <ErasureSummary result={erase.data} />;
  const holds = holdsOf(erase.error);
  const eraseErrors = formErrors(t, erase.error, ['reason']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    erase.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('gdpr.eraseIntro')}</Text>
        <Text size="sm">{t('gdpr.eraseKeeps')}</Text>
        <Textarea
          label={t('gdpr.reason')}
          description={t('gdpr.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={eraseErrors.at('reason')}
        />
        {holds.length > 0 && <HoldsAlert holds={holds} />}
        {eraseErrors.above && holds.length === 0 && (
          <Alert color="red" role="alert">
            {eraseErrors.above}
          </Alert>
        )}
        <Group>
          <Button type="submit" color="red" loading={erase.isPending} disabled={!reason.trim()}>
            {t('gdpr.eraseConfirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HoldsAlert({ holds }: { holds: LegalHold[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" role="alert" title={t('gdpr.heldTitle')}>
      <Stack gap={4}>
        <Text size="sm">{t('gdpr.heldIntro')}</Text>
        <List size="sm">
          {holds.map((hold) => (
            <List.Item key={`${hold.kind}-${hold.id}`}>
              {t(`gdpr.hold.${hold.kind}`)}
              {hold.caseId && (
                <>
                  {' · '}
                  <Link to="/cases/$id" params={{ id: hold.caseId }}>
                    {t('gdpr.openCase')}
                  </Link>
                </>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

function ErasureSummary({ result }: { result: ErasureResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="erasure-summary">
      <Alert color="teal">{t('gdpr.erased')}</Alert>
      <Text size="sm" fw={600}>
        {t('gdpr.erasedParts')}
      </Text>
      <List size="sm">
        {result.erased
          .filter((part) => part.count > 0)
          .map((part) => (
            <List.Item key={part.part}>{t(`gdpr.part.${part.part}`, { count: part.count })}</List.Item>
          ))}
      </List>
      <Text size="sm" fw={600}>
        {t('gdpr.keptParts')}
      </Text>
      <List size="sm">
        {result.kept
          .filter((part) => part.count > 0)
          .map((part) => (
            <List.Item key={part.part}>
              {t(`gdpr.kept.${part.part}`, { count: part.count, years: result.accountingYears })}
            </List.Item>
          ))}
      </List>
    </Stack>
  );
}
