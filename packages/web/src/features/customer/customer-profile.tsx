import type {
  ClientType,
  CustomerProfile,
  EvidenceRecord,
  MoneyByCurrency as Money,
} from '@calmdesk/contracts';
import {
  Accordion,
  Alert,
  Badge,
  Blockquote,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Formatters, useFormat } from '../../format/use-format.ts';
import { useSettings } from '../settings/use-settings.ts';
import { parseExcerpt } from './evidence-excerpt.ts';
import { typeSentence } from './sentences.ts';

export const TYPE_COLORS: Record<ClientType, string> = {
  impatient: 'yellow',
  non_payer: 'orange',
  nitpicker: 'grape',
  abusive: 'red',
  disengaged: 'gray',
  serial_canceller: 'pink',
  refund_seeker: 'indigo',
  valued: 'teal',
};

const EVIDENCE_COLORS: Record<EvidenceRecord['kind'], string> = {
  interaction: 'blue',
  booking: 'pink',
  invoice: 'orange',
  commitment: 'cyan',
  case: 'gray',
  incident: 'red',
};

/** An abusive message stays hidden until asked for: staff should not have to read it again. */
function HiddenMessage({ message }: { message: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  if (!message) return null;
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={() => setShown(!shown)} aria-expanded={shown}>
        {shown ? t('profile.hideMessage') : t('profile.showMessage')}
      </Button>
      {shown && (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {message}
        </Text>
      )}
    </>
  );
}

function Excerpt({ record }: { record: EvidenceRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts = parseExcerpt(record);
  const day = (iso: string) => format.date(`${iso}T12:00:00Z`);
  const line = (...pieces: Array<string | false | null>) => (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {pieces.filter(Boolean).join(' · ')}
    </Text>
  );
  switch (parts.kind) {
    case 'booking':
      return line(
        parts.service,
        format.dateTime(parts.startsAt),
        t(`profile.bookingStatus.${parts.status}`),
        parts.cancelledAt && t('profile.cancelledAt', { date: format.dateTime(parts.cancelledAt) }),
      );
    case 'invoice':
      return line(
        parts.label,
        format.money(parts.amount, parts.currency),
        parts.dueOn && t('profile.dueOn', { date: day(parts.dueOn) }),
        parts.paidOn ? t('profile.paidOn', { date: day(parts.paidOn) }) : t('profile.unpaidShort'),
      );
    case 'commitment':
      return line(parts.text, t(`commitmentStatus.${parts.status}`));
    case 'caseFault':
      return line(parts.subject, t('profile.faultIs', { fault: t(`fault.${parts.fault}`) }));
    case 'caseWaiting':
      return line(parts.subject, t('profile.waitingDays', { days: format.number(parts.days) }));
    case 'incident':
      return (
        <>
          {line(parts.flags.map((f) => t(`flag.${f}`, { defaultValue: f })).join(', '))}
          <HiddenMessage message={parts.message} />
        </>
      );
    default:
      return line(parts.text);
  }
}

export function EvidenceList({ evidence }: { evidence: EvidenceRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="evidence">
      {evidence.map((e) => (
        <li key={`${e.kind}-${e.id}`}>
          <Group gap="xs" wrap="wrap" align="baseline">
            <Badge size="sm" variant="light" color={EVIDENCE_COLORS[e.kind]}>
              {t(`profile.evidenceKind.${e.kind}`)}
            </Badge>
            <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
              {format.dateTime(e.at)}
            </Text>
            {e.caseId && (
              <Text
                size="xs"
                renderRoot={(props) => <Link {...props} to="/cases/$id" params={{ id: e.caseId }} />}
              >
                {t('profile.openCase')}
              </Text>
            )}
          </Group>
          <Excerpt record={e} />
        </li>
      ))}
    </Stack>
  );
}

export function ClientTypes({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="types-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="types-title">
          {t('profile.types')}
        </Title>
        {profile.types.length === 0 && <Text c="dimmed">{t('profile.noTypes')}</Text>}
        {profile.types.map((type) => (
          <Stack key={type.type} gap={6} data-testid="client-type" data-type={type.type}>
            <Group gap="sm" wrap="wrap">
              <Badge
                size="lg"
                color={TYPE_COLORS[type.type]}
                variant="filled"
                styles={{ label: { overflow: 'visible' } }}
              >
                {t(`profile.type.${type.type}`, { defaultValue: type.type })}
              </Badge>
              <Text size="sm" c="dimmed" title={t('profile.scoreHint')}>
                {t('profile.score', { score: format.percent(type.score) })}
              </Text>
              <Progress
                value={type.score * 100}
                color={TYPE_COLORS[type.type]}
                w={120}
                aria-label={t('profile.scoreHint')}
              />
            </Group>
            <Text size="sm" data-testid="type-sentence">
              {typeSentence(t, format, type)}
            </Text>
            {type.evidence.length > 0 && (
              <Accordion variant="contained" chevronPosition="left">
                <Accordion.Item value="evidence">
                  <Accordion.Control>
                    <Text size="sm">{t('profile.evidence', { count: type.evidence.length })}</Text>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <EvidenceList evidence={type.evidence} />
                  </Accordion.Panel>
                </Accordion.Item>
              </Accordion>
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}

/** Seed 000: a late refund demand is read next to the customer's own earlier satisfaction. */
export function SatisfiedEarlier({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isRefundSeeker = profile.types.some((type) => type.type === 'refund_seeker');
  if (!isRefundSeeker || profile.satisfiedEarlier.length === 0) return null;
  return (
    <Alert
      color="indigo"
      variant="light"
      title={<span id="satisfied-title">{t('profile.satisfiedTitle')}</span>}
      component="section"
      aria-labelledby="satisfied-title"
      data-testid="satisfied-earlier"
    >
      <Text size="sm" mb="xs">
        {t('profile.satisfiedHint')}
      </Text>
      <Stack gap="xs">
        {profile.satisfiedEarlier.map((m) => (
          <Blockquote key={m.interactionId} color="indigo" p="xs" pl="md" styles={{ root: { margin: 0 } }}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {m.excerpt}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              <time dateTime={m.at}>{format.date(m.at)}</time> · {t(`profile.satisfiedReason.${m.reason}`)} ·{' '}
              <Link to="/cases/$id" params={{ id: m.caseId }}>
                {t('profile.openCase')}
              </Link>
            </Text>
          </Blockquote>
        ))}
      </Stack>
    </Alert>
  );
}

export function formatMoney(money: Money, format: Formatters, fallbackCurrency: string): string {
  const entries = Object.entries(money).filter(([, amount]) => amount !== 0);
  if (entries.length === 0) return format.money(0, fallbackCurrency);
  return entries.map(([currency, amount]) => format.money(amount, currency)).join(' + ');
}

function Stat({ label, value, children }: { label: string; value: string; children?: React.ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

export function ProfileStats({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const currency = settings.data?.compensationPolicy.currency ?? 'PLN';
  const { stats } = profile;
  const n = format.number;
  const statuses = ['attended', 'booked', 'cancelled', 'late_cancelled', 'no_show'] as const;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="stats-title">
      <Title order={2} size="h4" id="stats-title" mb="sm">
        {t('profile.stats')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" data-testid="profile-stats">
        <Stat
          label={t('profile.revenue12')}
          value={formatMoney(stats.revenue.last12Months, format, currency)}
        >
          <Text size="xs" c="dimmed">
            {t('profile.revenueTotal')}: {formatMoney(stats.revenue.total, format, currency)}
          </Text>
        </Stat>
        <Stat label={t('profile.unpaid')} value={formatMoney(stats.unpaid.amount, format, currency)}>
          <Text size="xs" c={stats.unpaid.overdueInvoices > 0 ? 'var(--calm-text-error)' : 'dimmed'}>
            {t('profile.unpaidLine', {
              invoices: n(stats.unpaid.invoices),
              overdueInvoices: n(stats.unpaid.overdueInvoices),
              overdueAmount: formatMoney(stats.unpaid.overdueAmount, format, currency),
            })}
          </Text>
        </Stat>
        <Stat
          label={t('profile.bookings')}
          value={t('profile.bookingsTotal', { total: n(stats.bookings.total) })}
        >
          <Group gap={4} mt={4}>
            {statuses.map((s) => (
              <Badge
                key={s}
                size="sm"
                variant="light"
                color={s === 'late_cancelled' || s === 'no_show' ? 'red' : 'gray'}
                styles={{ label: { textTransform: 'none' } }}
              >
                {t(`profile.bookingStatus.${s}`)}: {n(stats.bookings[s])}
              </Badge>
            ))}
          </Group>
          <Text
            size="xs"
            c={stats.bookings.lateCancellations > 0 ? 'var(--calm-text-error)' : 'dimmed'}
            mt={4}
          >
            {t('profile.lateCancellations')}: {n(stats.bookings.lateCancellations)}
          </Text>
        </Stat>
        <Stat label={t('profile.cases')} value={n(stats.cases.total)}>
          <Text size="xs" c="dimmed">
            {t('profile.casesLine', {
              total: n(stats.cases.total),
              open: n(stats.cases.open),
              ours: n(stats.cases.faultOurs),
              theirs: n(stats.cases.faultCustomer),
            })}
          </Text>
        </Stat>
        <Stat label={t('profile.incidents')} value={n(stats.incidents.total)}>
          <Text size="xs" c={stats.incidents.violence > 0 ? 'var(--calm-text-error)' : 'dimmed'}>
            {t('profile.incidentsLine', {
              total: n(stats.incidents.total),
              year: n(stats.incidents.last12Months),
              violence: n(stats.incidents.violence),
            })}
          </Text>
        </Stat>
        <Stat
          label={t('profile.promises')}
          value={`${n(stats.commitments.customer.kept + stats.commitments.us.kept)} / ${n(
            stats.commitments.customer.kept +
              stats.commitments.customer.broken +
              stats.commitments.us.kept +
              stats.commitments.us.broken,
          )}`}
        >
          <Text size="xs" c="dimmed">
            {t('profile.promisesCustomer', { ...stats.commitments.customer })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('profile.promisesUs', { ...stats.commitments.us })}
          </Text>
        </Stat>
      </SimpleGrid>
    </Paper>
  );
}
