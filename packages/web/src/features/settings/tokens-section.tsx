import type { CreatedToken, NewToken, Role, TokenListing } from '@calmdesk/contracts';
import { ROLES } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useFormat } from '../../format/use-format.ts';

const TOKENS_KEY = ['tokens'];

/** The owner's API tokens: each one's role and label, a new one shown once, revoking. */
export function TokensSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const format = useFormat().dateTime;
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: () => api<{ items: TokenListing[] }>('GET', '/api/tokens'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<TokenListing>('DELETE', `/api/tokens/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tokens-title">
      <Stack>
        <Title order={2} size="h4" id="tokens-title">
          {t('admin.tokens.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admin.tokens.hint')}
        </Text>
        <NewTokenForm />
        {tokens.isPending && <Loader aria-label={t('common.loading')} />}
        {tokens.isError && <Alert color="red">{errorText(t, tokens.error)}</Alert>}
        {revoke.isError && <Alert color="red">{errorText(t, revoke.error)}</Alert>}
        {tokens.data && (
          <Table layout="fixed" style={{ overflowWrap: 'anywhere' }} data-testid="tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokens.label')}</Table.Th>
                <Table.Th>{t('settings.role')}</Table.Th>
                <Table.Th>{t('admin.tokens.created')}</Table.Th>
                <Table.Th>{t('staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.label ?? (
                      <Text span c="dimmed">
                        {t('admin.tokens.noLabel')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`role.${token.role}`)}</Table.Td>
                  <Table.Td>{format(token.createdAt)}</Table.Td>
                  <Table.Td>
                    {token.revokedAt ? (
                      <Text size="sm" c="dimmed">
                        {t('admin.tokens.revokedAt', { date: format(token.revokedAt) })}
                      </Text>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        loading={revoke.isPending && revoke.variables === token.id}
                        onClick={() => revoke.mutate(token.id)}
                        aria-label={t('admin.tokens.revokeNamed', { label: token.label ?? token.id })}
                      >
                        {t('admin.tokens.revoke')}
                      </Button>
                    )}
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

function NewTokenForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const create = useMutation({
    mutationFn: (body: NewToken) => api<CreatedToken>('POST', '/api/tokens', body),
    onSuccess: () => {
      setLabel('');
      void client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ role, ...(label.trim() ? { label: label.trim() } : {}) });
  };
  return (
    <Stack gap="xs">
      <form onSubmit={submit}>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t('admin.tokens.label')}
            placeholder={t('admin.tokens.labelPlaceholder')}
            maxLength={200}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <Select
            label={t('settings.role')}
            data={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value as Role)}
            w={160}
          />
          <Button type="submit" loading={create.isPending}>
            {t('admin.tokens.create')}
          </Button>
        </Group>
      </form>
      {create.isError && <Alert color="red">{errorText(t, create.error)}</Alert>}
      {create.data && (
        <Alert color="teal" title={t('admin.tokens.shownOnce')}>
          <Code block data-testid="new-token">
            {create.data.token}
          </Code>
        </Alert>
      )}
    </Stack>
  );
}
