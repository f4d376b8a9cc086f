import type { CaseDetail, CustomerDetail, Interaction } from '@calmdesk/contracts';
import { Alert, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { EvidenceText } from '../../components/evidence-text.tsx';
import { FlagChips } from '../../components/flag-chips.tsx';
import { LevelBadge } from '../../components/level-badge.tsx';
import { useFormat } from '../../format/use-format.ts';
import { BoundariesSection, DecisionHistory } from './customer-boundaries.tsx';
import { CustomerActions } from './customer-edit.tsx';
import { CustomerGdprActions } from './customer-gdpr.tsx';
import { ClientTypes, ProfileStats, SatisfiedEarlier } from './customer-profile.tsx';
import { useCustomerProfile } from './use-profile.ts';

export type TimelineEntry =
  | { type: 'case'; at: string; item: CaseDetail }
  | { type: 'interaction'; at: string; item: Interaction; caseId: string; subject: string };

/** Every case opened and every interaction logged for the customer, oldest first, as one line. */
export function customerTimeline(customer: Pick<CustomerDetail, 'cases'>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const c of customer.cases) {
    entries.push({ type: 'case', at: c.createdAt, item: c });
    for (const i of c.interactions) {
      entries.push({ type: 'interaction', at: i.createdAt, item: i, caseId: c.id, subject: c.subject });
    }
  }
  // A case opens before its first message, even when both carry the same timestamp.
  return entries.sort((a, b) => a.at.localeCompare(b.at) || (a.type === 'case' ? -1 : 1));
}

const KIND_COLOR = { inbound: 'blue', outbound: 'teal', note: 'yellow', call: 'grape' } as const;

export function CustomerPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api<CustomerDetail>('GET', `/api/customers/${id}`),
  });
  const profile = useCustomerProfile(id);
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  const customer = query.data;
  const timeline = customerTimeline(customer);
  const interactions = customer.cases.reduce((n, c) => n + c.interactionCount, 0);
  const open = customer.cases.filter((c) => c.status !== 'resolved' && c.status !== 'closed').length;
  const kept = customer.cases.flatMap((c) => c.commitments).filter((c) => c.status === 'kept').length;
  const missed = customer.cases.flatMap((c) => c.commitments).filter((c) => c.status === 'missed').length;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">
          {customer.erasedAt ? t('gdpr.erasedName') : customer.name}
        </Title>
        <Group gap="xs" wrap="wrap">
          <CustomerActions customer={customer} />
          <CustomerGdprActions customer={customer} />
        </Group>
      </Group>
      {customer.erasedAt && (
        <Alert color="gray" data-testid="customer-erased">
          {t('gdpr.erasedOn', { date: format.date(customer.erasedAt) })}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
          <Text size="sm">
            {t('customer.email')}: {customer.emails.join(', ') || t('common.none')}
          </Text>
          <Text size="sm">
            {t('customer.phone')}: {customer.phones.join(', ') || t('common.none')}
          </Text>
          <Text size="sm">
            {t('customer.language')}:{' '}
            {customer.language ? t(`language.${customer.language}`) : t('common.none')}
          </Text>
          <Text size="sm" data-testid="customer-salutation">
            {t('customerEdit.salutation')}:{' '}
            {customer.salutation ? t(`customerEdit.salutations.${customer.salutation}`) : t('common.none')}
          </Text>
          <Text size="sm">
            {t('customer.since')}: {format.date(customer.createdAt)}
          </Text>
          <Text size="sm" data-testid="customer-counts">
            {t('customer.counts', {
              cases: format.number(customer.cases.length),
              open: format.number(open),
              interactions: format.number(interactions),
            })}
          </Text>
          <Text size="sm">{t('customer.promises', { kept, missed })}</Text>
        </SimpleGrid>
        {customer.tags.length > 0 && (
          <Group gap={4} mt="xs">
            {customer.tags.map((tag) => (
              <Badge key={tag} variant="light">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
        {customer.notes && (
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {customer.notes}
          </Text>
        )}
      </Paper>
      {profile.data && <SatisfiedEarlier profile={profile.data} />}
      {profile.isError && <Alert color="red">{errorText(t, profile.error)}</Alert>}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Stack gap="md">
          {profile.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
          {profile.data && <ClientTypes profile={profile.data} />}
        </Stack>
        <Stack gap="md">
          <BoundariesSection customerId={id} />
          <DecisionHistory customerId={id} />
        </Stack>
      </SimpleGrid>
      {profile.data && <ProfileStats profile={profile.data} />}
      <Title order={2} size="h4">
        {t('customer.timeline')}
      </Title>
      {timeline.length === 0 && <Text c="dimmed">{t('customer.noHistory')}</Text>}
      <Timeline bulletSize={14} lineWidth={2} data-testid="customer-timeline">
        {timeline.map((entry) =>
          entry.type === 'case' ? (
            <Timeline.Item
              key={`case-${entry.item.id}`}
              color="gray"
              title={
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {t('customer.caseOpened')}:
                  </Text>
                  <Link to="/cases/$id" params={{ id: entry.item.id }}>
                    {entry.item.subject}
                  </Link>
                  <LevelBadge level={entry.item.peakLevel} />
                  <Badge size="xs" variant="outline">
                    {t(`status.${entry.item.status}`)}
                  </Badge>
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
                {t(`channel.${entry.item.channel}`)}
              </Text>
              <FlagChips flags={entry.item.flags} />
            </Timeline.Item>
          ) : (
            <Timeline.Item
              key={entry.item.id}
              color={KIND_COLOR[entry.item.kind]}
              title={
                <Text size="sm" fw={600}>
                  {t(`case.${entry.item.kind}`)}
                  {entry.item.author ? ` · ${entry.item.author.name}` : ''}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
                <Link to="/cases/$id" params={{ id: entry.caseId }}>
                  {entry.subject}
                </Link>
              </Text>
              {entry.item.analysis ? (
                <EvidenceText
                  text={entry.item.body}
                  evidence={entry.item.analysis.evidence}
                  revealAbuse={false}
                />
              ) : (
                <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {entry.item.body}
                </Text>
              )}
            </Timeline.Item>
          ),
        )}
      </Timeline>
    </Stack>
  );
}
