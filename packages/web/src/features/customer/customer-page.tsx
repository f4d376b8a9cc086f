import { Alert, Badge, Card, Group, Loader, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { CaseDetail, CaseSummary, Interaction } from '../../api/types.ts';
import { LevelBadge } from '../../components/level-badge.tsx';
import { Link, pathFor } from '../../routing/router.tsx';

interface CustomerDetail {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  language: string | null;
  tags: string[];
  notes: string | null;
  cases: (CaseSummary & { interactions?: Interaction[] })[];
}

function timelineOf(customer: CustomerDetail) {
  return customer.cases
    .flatMap((c) => (c.interactions ?? []).map((i) => ({ ...i, caseId: c.id, subject: c.subject })))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function CustomerPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api<CustomerDetail>('GET', `/api/customers/${id}`),
  });
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <Alert color="red">{t('common.error', { message: query.error.message })}</Alert>;
  const customer = query.data;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack>
      <Title order={1} size="h3">
        {customer.name}
      </Title>
      <Paper withBorder p="sm">
        <Group gap="xl" wrap="wrap">
          <Text size="sm">
            {t('customer.email')}: {customer.emails.join(', ') || t('common.none')}
          </Text>
          <Text size="sm">
            {t('customer.phone')}: {customer.phones.join(', ') || t('common.none')}
          </Text>
          <Text size="sm">
            {t('customer.language')}: {customer.language ?? t('common.none')}
          </Text>
          <Group gap={4}>
            {customer.tags.map((tag) => (
              <Badge key={tag} variant="light">
                {tag}
              </Badge>
            ))}
          </Group>
        </Group>
        {customer.notes && (
          <Text size="sm" mt="xs">
            {customer.notes}
          </Text>
        )}
      </Paper>
      <Title order={2} size="h4">
        {t('customer.cases')}
      </Title>
      <Stack gap={4}>
        {customer.cases.map((c) => (
          <Group key={c.id} gap="xs">
            <LevelBadge level={c.level} />
            <Link href={pathFor('case', { id: c.id })}>{c.subject}</Link>
            <Text size="xs" c="dimmed">
              {t(`status.${c.status}`)} · {format.format(new Date(c.createdAt))}
            </Text>
          </Group>
        ))}
      </Stack>
      <Title order={2} size="h4">
        {t('customer.timeline')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {timelineOf(customer).map((entry) => (
          <Timeline.Item key={entry.id} title={`${t(`case.${entry.kind}`)} · ${entry.subject}`}>
            <Text size="xs" c="dimmed">
              {format.format(new Date(entry.createdAt))}
            </Text>
            <Card padding={0} bg="transparent">
              <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                {entry.body}
              </Text>
            </Card>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export type { CaseDetail };
