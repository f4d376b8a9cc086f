import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CompensationKind } from '../../api/types.ts';
import { useProposeCompensation, useUpdateCase } from './use-case.ts';

const FAULTS = ['unknown', 'ours', 'customer', 'third_party'] as const;
const STATUSES = ['new', 'open', 'waiting_customer', 'waiting_us', 'resolved', 'closed'] as const;
const KINDS: CompensationKind[] = [
  'repair',
  'replacement',
  'voucher',
  'free_session',
  'discount',
  'cash_refund',
];

function CommitmentList({ item }: { item: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder p="xs">
      <Title order={3} size="h5" mb={4}>
        {t('case.commitments')}
      </Title>
      {item.commitments.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('case.noCommitments')}
        </Text>
      )}
      <Stack gap={4}>
        {item.commitments.map((c) => (
          <div key={c.id} data-testid="commitment" data-due-at={c.dueAt}>
            <Text size="sm">{c.text}</Text>
            <Group gap={6}>
              <Badge size="xs" variant="light">
                {t(`case.who.${c.who}`)}
              </Badge>
              <Text size="xs" c={c.status === 'missed' ? 'red.8' : 'dimmed'}>
                {t('case.due')}: <time dateTime={c.dueAt}>{format.format(new Date(c.dueAt))}</time>
              </Text>
            </Group>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function CompensationForm({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const propose = useProposeCompensation(item.id);
  const [kind, setKind] = useState<CompensationKind>('voucher');
  const [amount, setAmount] = useState<number | string>('');
  const [statutory, setStatutory] = useState(false);
  return (
    <Paper withBorder p="xs">
      <Title order={3} size="h5" mb={4}>
        {t('case.compensation')}
      </Title>
      <Stack gap={6}>
        {item.compensations.map((c) => (
          <Text key={c.id} size="sm">
            {t(`compensationKind.${c.kind}`)} {c.amount ?? ''} {c.currency ?? ''} · {c.status}
          </Text>
        ))}
        <Select
          label={t('case.kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`compensationKind.${k}`) }))}
          value={kind}
          onChange={(value) => value && setKind(value as CompensationKind)}
          allowDeselect={false}
        />
        <NumberInput label={t('case.amount')} min={0} value={amount} onChange={setAmount} />
        <Checkbox
          label={t('case.statutory')}
          checked={statutory}
          onChange={(e) => setStatutory(e.currentTarget.checked)}
        />
        <Button
          size="xs"
          variant="light"
          loading={propose.isPending}
          onClick={() =>
            propose.mutate({ kind, statutory, ...(typeof amount === 'number' ? { amount } : {}) })
          }
        >
          {t('case.propose')}
        </Button>
        {propose.isError && (
          <Text size="xs" c="red.8">
            {propose.error.message}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

export function CaseSidebar({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(item.id);
  const [stage, setStage] = useState(item.stage ?? '');
  return (
    <Stack gap="sm">
      <Paper withBorder p="xs">
        <Stack gap={6}>
          <Select
            label={t('case.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={item.status}
            allowDeselect={false}
            onChange={(status) => status && update.mutate({ status })}
          />
          <Select
            label={t('case.fault')}
            data={FAULTS.map((f) => ({ value: f, label: t(`fault.${f}`) }))}
            value={item.fault}
            allowDeselect={false}
            onChange={(fault) => fault && update.mutate({ fault })}
          />
          <TextInput
            label={t('case.stage')}
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value)}
            onBlur={() => stage !== (item.stage ?? '') && update.mutate({ stage })}
          />
        </Stack>
      </Paper>
      <CommitmentList item={item} />
      <CompensationForm item={item} />
    </Stack>
  );
}
