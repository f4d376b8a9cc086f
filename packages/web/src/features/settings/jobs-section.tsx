import type { JobRetried, JobSchedule, JobsOverview } from '@calmdesk/contracts';
import { Alert, Badge, Button, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';

const JOBS_KEY = ['jobs'] as const;
const KNOWN = [
  'deadlines.sweep',
  'mail.deliver',
  'notifications.mail',
  'sessions.purge',
  'limits.purge',
  'boundaries.recommend',
  'jobs.purge',
  'retention.erase',
  'idempotency.purge',
  'revenue.rank',
  'evidence.checkpoint',
];

/** The background jobs for the owner: when each last ran well, what failed and why, and Retry. */
export function JobsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const jobs = useQuery({
    queryKey: JOBS_KEY,
    queryFn: () => api<JobsOverview>('GET', '/api/jobs'),
    refetchInterval: 30_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api<JobRetried>('POST', `/api/jobs/${id}/retry`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: JOBS_KEY }),
  });
  const nameOf = (name: string) => (KNOWN.includes(name) ? t(`jobs.name.${name.replace('.', '_')}`) : name);
  const when = (at: string | null) => (at ? format.dateTime(at) : t('common.none'));
  const stateOf = (s: JobSchedule) =>
    s.failing > 0 ? (
      <Badge color="red.9">{t('jobs.failing', { count: s.failing })}</Badge>
    ) : s.retrying ? (
      <Badge variant="light" color="orange">
        {t('jobs.retrying')}
      </Badge>
    ) : (
      <Badge variant="light" color="teal">
        {t('jobs.ok')}
      </Badge>
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="jobs-title">
      <Stack>
        <Title order={2} size="h4" id="jobs-title">
          {t('jobs.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('jobs.intro')}
        </Text>
        {jobs.isPending && <Loader aria-label={t('common.loading')} />}
        {jobs.isError && <Alert color="red">{errorText(t, jobs.error)}</Alert>}
        {retry.isError && <Alert color="red">{errorText(t, retry.error)}</Alert>}
        {jobs.data && (
          <Table layout="fixed" style={{ overflowWrap: 'anywhere' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.job')}</Table.Th>
                <Table.Th>{t('jobs.state')}</Table.Th>
                <Table.Th>{t('jobs.lastSuccess')}</Table.Th>
                <Table.Th>{t('jobs.lastFailure')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.schedules.map((s) => (
                <Table.Tr key={s.name}>
                  <Table.Td>{nameOf(s.name)}</Table.Td>
                  <Table.Td>{stateOf(s)}</Table.Td>
                  <Table.Td>{when(s.lastSuccessAt)}</Table.Td>
                  <Table.Td>
                    {s.lastFailure ? (
                      <>
                        {when(s.lastFailure.at)}
                        <Text size="xs" c="red">
                          {s.lastFailure.error}
                        </Text>
                      </>
                    ) : (
                      t('common.none')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {s.failing > 0 && s.lastFailure && (
                      <RetryButton id={s.lastFailure.jobId} onRetry={retry.mutate} busy={retry.isPending} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {jobs.data.failed.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>{nameOf(job.name)}</Table.Td>
                  <Table.Td>
                    <Badge color="red.9">{t('jobs.failed', { count: job.attempts })}</Badge>
                  </Table.Td>
                  <Table.Td>{t('common.none')}</Table.Td>
                  <Table.Td>
                    {when(job.failedAt)}
                    <Text size="xs" c="red">
                      {job.error}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RetryButton id={job.id} onRetry={retry.mutate} busy={retry.isPending} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {jobs.data && jobs.data.schedules.length === 0 && jobs.data.failed.length === 0 && (
          <Text size="sm">{t('jobs.empty')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

function RetryButton({ id, onRetry, busy }: { id: string; onRetry: (id: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="light" onClick={() => onRetry(id)} disabled={busy}>
      {t('jobs.retry')}
    </Button>
  );
}
