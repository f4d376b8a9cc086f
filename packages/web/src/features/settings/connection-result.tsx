import type { ConnectionCheck, ServerTestResult } from '@calmdesk/contracts';
import { Alert, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemDetail } from '../../components/mail-problem.tsx';

function ServerLine({ server, check }: { server: 'imap' | 'smtp'; check: ConnectionCheck }) {
  const { t } = useTranslation();
  const name = t(`channels.${server}`);
  if (check.ok) {
    return (
      <Alert color="teal" variant="light" p="xs" data-testid={`check-${server}`} data-ok="true">
        <Text size="sm">
          <b>{name}:</b> {t(`channels.check.ok.${server}`)}
        </Text>
      </Alert>
    );
  }
  const problem = check.problem ?? 'other';
  return (
    <Alert color="red" variant="light" p="xs" data-testid={`check-${server}`} data-problem={problem}>
      <Text size="sm">
        <b>{name}:</b> {t(`channels.check.problem.${problem}`)}
      </Text>
      {check.problem ? <ProblemDetail detail={check.detail} /> : <ProblemDetail detail={check.reason} />}
    </Alert>
  );
}

/** The answer of a connection test, one line per server, in the reader's language. */
export function ConnectionResult({ result }: { result: ServerTestResult }) {
  return (
    <Stack gap={4} role="status">
      <ServerLine server="imap" check={result.imap} />
      {result.smtp && <ServerLine server="smtp" check={result.smtp} />}
    </Stack>
  );
}
