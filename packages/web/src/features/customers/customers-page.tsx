import type { CustomerDirectoryPage } from '@calmdesk/contracts';
import { Alert, Loader, Pagination, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';

const PAGE_SIZE = 25;

export function useCustomerDirectory(q: string, page: number, pageSize = PAGE_SIZE) {
  return useQuery({
    queryKey: ['customers', 'directory', q, page, pageSize],
    queryFn: () => {
      const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
      if (q.trim()) params.set('q', q.trim());
      return api<CustomerDirectoryPage>('GET', `/api/customers/directory?${params}`);
    },
    placeholderData: keepPreviousData,
  });
}

/** Every customer, found by name, e-mail or phone (with or without Polish and Estonian letters), a page at a time. */
export function CustomersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [page, setPage] = useState(1);
  const directory = useCustomerDirectory(q, page);
  const data = directory.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('customers.title')}
      </Title>
      <TextInput
        label={t('customers.search')}
        description={t('customers.searchHint')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        maw={480}
        type="search"
      />
      {directory.isPending && <Loader aria-label={t('common.loading')} />}
      {directory.isError && <Alert color="red">{errorText(t, directory.error)}</Alert>}
      {data && (
        <Text size="sm" c="dimmed" data-testid="customers-total" aria-live="polite">
          {t('customers.total', { count: data.total, formatted: format.number(data.total) })}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table striped highlightOnHover data-testid="customers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customers.name')}</Table.Th>
                <Table.Th>{t('customers.contacts')}</Table.Th>
                <Table.Th>{t('customers.language')}</Table.Th>
                <Table.Th>{t('customers.cases')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((customer) => (
                <Table.Tr key={customer.id}>
                  <Table.Td>
                    <Link to="/customers/$id" params={{ id: customer.id }}>
                      {customer.name}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {[...customer.emails, ...customer.phones].join(', ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {customer.language ? t(`language.${customer.language}`, customer.language) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.number(customer.caseCount)}</Text>
                    {customer.openCaseCount > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('customers.open', { count: customer.openCaseCount })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {data && pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({
            'aria-label': t(`customers.page.${control}`),
          })}
          getItemProps={(n) => ({ 'aria-label': t('customers.pageN', { page: n }) })}
        />
      )}
    </Stack>
  );
}
