import type { CaseDetail, CompensationKind, Compensation as CompensationRecord } from '@calmdesk/contracts';
import { FAULTS, CASE_STATUSES as STATUSES } from '@calmdesk/contracts/enums';
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
import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, formErrors } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';
import { useSession } from '../auth/session.ts';
import { CommitmentActions } from '../commitments/commitment-actions.tsx';
import { isOverdue, useListClock } from '../commitments/list-clock.ts';
import { PromiseWhoBadge } from '../commitments/promise-who-badge.tsx';
import { useSettings } from '../settings/use-settings.ts';
import { AssigneeSelect } from './assignee-select.tsx';
import { useDecideCompensation, useProposeCompensation, useUpdateCase } from './use-case.ts';

const KINDS: CompensationKind[] = [
  'repair',
  'voucher',
  'free_session',
  'replacement',
  'discount',
  'cash_refund',
];
const STATUS_COLOR = { proposed: 'yellow', approved: 'teal', rejected: 'gray', issued: 'blue' } as const;

function CommitmentList({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dueTimes = useMemo(() => item.commitments.map((c) => c.dueAt), [item.commitments]);
  const now = useListClock(dueTimes);
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
      <Stack gap={6}>
        {item.commitments.map((c) => {
          const late = c.status === 'missed' || isOverdue(c, now);
          return (
            <div key={c.id} data-testid="commitment" data-due-at={c.dueAt}>
              <Text size="sm">{c.text}</Text>
              <Group gap={6}>
                <PromiseWhoBadge who={c.who} size="xs" />
                <Text size="xs" c={late ? 'var(--calm-text-error)' : 'dimmed'} fw={late ? 700 : undefined}>
                  {t('case.due')}:{' '}
                  <time dateTime={c.dueAt} data-testid="commitment-due">
                    {format.dateTime(c.dueAt)}
                  </time>{' '}
                  · {t(`commitmentStatus.${c.status}`)}
                </Text>
              </Group>
              <CommitmentActions commitment={c} />
            </div>
          );
        })}
      </Stack>
    </Paper>
  );
}

function CompensationLine({ caseId, c }: { caseId: string; c: CompensationRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const decide = useDecideCompensation(caseId);
  const canDecide = session.data?.canOverride ?? false;
  const decideError = decide.error ? errorText(t, decide.error) : undefined;
  const errorId = useId();
  return (
    <Stack gap={2} data-testid="compensation">
      <Group gap={6}>
        <Text size="sm">
          {t(`compensationKind.${c.kind}`)}
          {c.amount !== null && c.currency ? ` · ${format.money(c.amount, c.currency)}` : ''}
          {c.statutory ? ` · ${t('case.statutoryShort')}` : ''}
        </Text>
        <Badge size="xs" color={STATUS_COLOR[c.status]}>
          {t(`compensationStatus.${c.status}`)}
        </Badge>
      </Group>
      {canDecide && (c.status === 'proposed' || c.status === 'approved') && (
        <Group gap={4} role="group" aria-describedby={decideError ? errorId : undefined}>
          {c.status === 'proposed' && (
            <Button size="compact-xs" onClick={() => decide.mutate({ id: c.id, decision: 'approve' })}>
              {t('case.approve')}
            </Button>
          )}
          {c.status === 'approved' && (
            <Button size="compact-xs" onClick={() => decide.mutate({ id: c.id, decision: 'issue' })}>
              {t('case.issue')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => decide.mutate({ id: c.id, decision: 'reject' })}
          >
            {t('case.reject')}
          </Button>
        </Group>
      )}
      {decideError && (
        <Text id={errorId} size="xs" c="var(--calm-text-error)" role="alert">
          {decideError}
        </Text>
      )}
    </Stack>
  );
}

/** The case's cash refunds in `currency` that are not rejected: they count against the limit. */
function cashRefunded(item: CaseDetail, currency: string): number {
  return item.compensations
    .filter((c) => c.kind === 'cash_refund' && c.currency === currency && c.status !== 'rejected')
    .reduce((sum, c) => sum + (c.amount ?? 0), 0);
}

function CompensationForm({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const propose = useProposeCompensation(item.id);
  const proposeErrors = formErrors(t, propose.error, ['kind', 'amount', 'currency']);
  const [kind, setKind] = useState<CompensationKind>('voucher');
  const [amount, setAmount] = useState<number | string>('');
  const [statutory, setStatutory] = useState(false);
  const [open, setOpen] = useState(false);
  const formId = useId();
  const policy = settings.data?.compensationPolicy;
  // The server also counts the customer's other cases; this case's refunds are what the screen knows.
  const overLimit =
    policy && kind === 'cash_refund' && typeof amount === 'number'
      ? cashRefunded(item, policy.currency) + amount > policy.cashRefundLimit
      : false;
  const otherLimits = (policy?.otherCurrencyLimits ?? [])
    .map((other) => format.money(other.limit, other.currency))
    .join(', ');
  return (
    <Paper withBorder p="xs">
      <Title order={3} size="h5" mb={4}>
        {t('case.compensation')}
      </Title>
      <Stack gap={6}>
        {item.compensations.map((c) => (
          <CompensationLine key={c.id} caseId={item.id} c={c} />
        ))}
        <Button
          size="compact-sm"
          variant="subtle"
          w="fit-content"
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen(!open)}
        >
          {t('caseWork.proposeCompensation')}
        </Button>
        <Stack gap={6} id={formId} style={open ? undefined : { display: 'none' }}>
          {policy && (
            <Text size="xs" c="dimmed">
              {t('case.policyHint', { limit: format.money(policy.cashRefundLimit, policy.currency) })}
              {otherLimits && ` ${t('case.policyOtherLimits', { limits: otherLimits })}`}
            </Text>
          )}
          <Select
            label={t('case.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`compensationKind.${k}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as CompensationKind)}
            allowDeselect={false}
            error={proposeErrors.at('kind')}
          />
          <NumberInput
            label={t('case.amount')}
            min={0}
            decimalScale={2}
            value={amount}
            onChange={setAmount}
            suffix={policy ? ` ${policy.currency}` : undefined}
            error={proposeErrors.at('amount') ?? proposeErrors.at('currency')}
          />
          <Checkbox
            label={t('case.statutory')}
            checked={statutory}
            onChange={(e) => setStatutory(e.currentTarget.checked)}
          />
          {overLimit && (
            <Text size="xs" c="var(--calm-text-error)">
              {t('case.needsApproval')}
            </Text>
          )}
          <Button
            size="xs"
            variant="light"
            loading={propose.isPending}
            onClick={() =>
              propose.mutate(
                { kind, statutory, ...(typeof amount === 'number' ? { amount } : {}) },
                { onSuccess: () => setAmount('') },
              )
            }
          >
            {t('case.propose')}
          </Button>
          {proposeErrors.above && (
            <Text size="xs" c="var(--calm-text-error)" role="alert">
              {proposeErrors.above}
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

export const CaseSidebar = memo(function CaseSidebar({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(item.id);
  const factErrors = formErrors(t, update.error, ['status', 'fault', 'stage']);
  const [stage, setStage] = useState(item.stage ?? '');
  const saveStage = () => {
    const next = stage.trim();
    if (next !== (item.stage ?? '')) update.mutate({ stage: next || null });
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="case-facts-title">
      <Paper withBorder p="xs">
        <Title order={2} size="h4" id="case-facts-title" mb={4}>
          {t('caseWork.facts')}
        </Title>
        <Stack gap={6}>
          {factErrors.above && (
            <Text size="xs" c="var(--calm-text-error)" role="alert">
              {factErrors.above}
            </Text>
          )}
          <AssigneeSelect item={item} />
          <Select
            label={t('case.status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={item.status}
            allowDeselect={false}
            onChange={(status) => status && update.mutate({ status })}
            error={factErrors.at('status')}
          />
          <Select
            label={t('case.fault')}
            data={FAULTS.map((f) => ({ value: f, label: t(`fault.${f}`) }))}
            value={item.fault}
            allowDeselect={false}
            onChange={(fault) => fault && update.mutate({ fault })}
            error={factErrors.at('fault')}
          />
          <TextInput
            label={t('case.stage')}
            placeholder={t('case.stagePlaceholder')}
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value)}
            onBlur={saveStage}
            onKeyDown={(e) => e.key === 'Enter' && saveStage()}
            error={factErrors.at('stage')}
          />
          {item.problems.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('case.problems')}: {item.problems.length}
            </Text>
          )}
        </Stack>
      </Paper>
      <CommitmentList item={item} />
      <CompensationForm item={item} />
    </Stack>
  );
});
