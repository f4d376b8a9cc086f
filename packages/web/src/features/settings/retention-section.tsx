import type { RetentionReport } from '@calmdesk/contracts';
import { Alert, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';

export const RETENTION_REPORT_KEY = ['retention-report'] as const;

/** The owner's view of who the retention period reaches, from when, and what holds them. */
export function RetentionSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useQuery({
    queryKey: RETENTION_REPORT_KEY,
    queryFn: () => api<RetentionReport>('GET', '/api/retention/report'),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="retention-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="retention-title">
          {t('gdpr.reportTitle')}
        </Title>
        {report.isPending && <Loader aria-label={t('common.loading')} />}
        {report.isError && <Alert color="red">{errorText(t, report.error)}</Alert>}
        {report.data?.retentionMonths === null && <Text size="sm">{t('gdpr.reportOff')}</Text>}
        {report.data?.retentionMonths !== null && report.data?.items.length === 0 && (
          <Text size="sm">{t('gdpr.reportEmpty')}</Text>
        )}
        {report.data && report.data.items.length > 0 && (
          <Table layout="fixed" style={{ overflowWrap: 'anywhere' }} data-testid="retention-report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gdpr.name')}</Table.Th>
                <Table.Th>{t('gdpr.lastActivity')}</Table.Th>
                <Table.Th>{t('gdpr.eraseFrom')}</Table.Th>
                <Table.Th>{t('gdpr.holds')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.items.map((item) => (
                <Table.Tr key={item.customerId}>
                  <Table.Td>
                    <Link to="/customers/$id" params={{ id: item.customerId }}>
                      {item.name}
                    </Link>
                  </Table.Td>
                  <Table.Td>{format.date(item.lastActivityAt)}</Table.Td>
                  <Table.Td>{format.date(item.eraseFrom)}</Table.Td>
                  <Table.Td>
                    {item.holds.map((hold) => t(`gdpr.hold.${hold.kind}`)).join('; ') || t('common.none')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
