import type { ImportAnswer, ImportKind } from '@calmdesk/contracts';
import { IMPORT_KINDS } from '@calmdesk/contracts/enums';
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, CSRF_STORAGE_KEY } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { importRowText } from './import-row-text.ts';

/**
 * Sends a file to the import API as it is (text/csv or text/calendar), reporting how much of it has gone
 * (fetch cannot tell an upload's progress; XMLHttpRequest can).
 */
function uploadImport(
  kind: ImportKind,
  file: File,
  onProgress: (share: number) => void,
): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/imports/${kind}`);
    const isCalendar = /\.ics$/i.test(file.name) || file.type === 'text/calendar';
    request.setRequestHeader('content-type', isCalendar ? 'text/calendar' : 'text/csv');
    request.setRequestHeader('accept', 'application/json');
    const csrf = sessionStorage.getItem(CSRF_STORAGE_KEY);
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(request.responseText);
      } catch {
        data = undefined;
      }
      if (request.status >= 200 && request.status < 300) resolve(data as ImportAnswer);
      else {
        const error = (data as { error?: { code?: string; message?: string; path?: string } } | undefined)
          ?.error;
        reject(
          new ApiError(
            request.status,
            (error?.code as ApiError['code']) ?? 'http_error',
            error?.message ?? request.statusText,
            error?.path,
            data,
          ),
        );
      }
    };
    request.onerror = () => reject(new Error('network'));
    request.send(file);
  });
}

/** Customers, bookings or invoices from a CSV (bookings also ICS): progress, the counts, each refused row. */
export function ImportsSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      setProgress(0);
      return uploadImport(kind, chosen, setProgress);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['customers'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  const result = upload.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="imports-title">
      <Stack>
        <Title order={2} size="h4" id="imports-title">
          {t('admin.imports.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admin.imports.hint')}
        </Text>
        <form onSubmit={submit}>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('admin.imports.kind')}
              data={IMPORT_KINDS.map((value) => ({ value, label: t(`admin.imports.kinds.${value}`) }))}
              value={kind}
              allowDeselect={false}
              onChange={(value) => value && setKind(value as ImportKind)}
              w={180}
            />
            <FileInput
              label={t('admin.imports.file')}
              description={t('admin.imports.choose')}
              accept={kind === 'bookings' ? '.csv,text/csv,.ics,text/calendar' : '.csv,text/csv'}
              value={file}
              onChange={setFile}
              clearable
              clearButtonProps={{ 'aria-label': t('admin.imports.clearFile') }}
              w={{ base: '100%', sm: 280 }}
            />
            <Button type="submit" disabled={!file} loading={upload.isPending}>
              {t('admin.imports.upload')}
            </Button>
          </Group>
        </form>
        {upload.isPending && (
          <Stack gap={4}>
            <Text size="sm">
              {progress < 1
                ? t('admin.imports.sending', { percent: Math.round(progress * 100) })
                : t('admin.imports.checking')}
            </Text>
            <Progress value={progress * 100} animated aria-label={t('admin.imports.progress')} />
          </Stack>
        )}
        {upload.isError && (
          <Alert color="red" role="alert" data-testid="import-file-error">
            {errorText(t, upload.error)}
          </Alert>
        )}
        {result && (
          <Alert
            color={result.rejected > 0 ? 'orange' : 'teal'}
            title={t('admin.imports.done', {
              imported: result.imported,
              updated: result.updated,
              unchanged: result.unchanged,
              rejected: result.rejected,
            })}
            data-testid="import-result"
          >
            {result.rejected > result.errors.length && (
              <Text size="sm">{t('admin.imports.firstErrors', { count: result.errors.length })}</Text>
            )}
          </Alert>
        )}
        {result && result.errors.length > 0 && (
          // A keyboard user must be able to scroll a wide table on a phone: the wrapper takes focus.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs to be focusable
          <div className="analytics-table" tabIndex={0}>
            <Table verticalSpacing={4} data-testid="import-errors" style={{ overflowWrap: 'anywhere' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('admin.imports.row')}</Table.Th>
                  <Table.Th w={{ base: 120, sm: 150 }}>{t('admin.imports.column')}</Table.Th>
                  <Table.Th>{t('admin.imports.problem')}</Table.Th>
                  {/* On a phone the reason needs the width; the row number finds it in the file. */}
                  <Table.Th w={64} visibleFrom="sm">
                    {t('admin.imports.line')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((error) => (
                  <Table.Tr key={`${error.row}-${error.column ?? ''}`}>
                    <Table.Td>{error.row}</Table.Td>
                    <Table.Td>{error.column ?? '—'}</Table.Td>
                    <Table.Td>{importRowText(t, error)}</Table.Td>
                    <Table.Td visibleFrom="sm">{error.line}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
