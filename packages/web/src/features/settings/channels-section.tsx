import type { Mailbox, MailboxDetail } from '@calmdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, formErrors } from '../../api/errors.ts';
import { failedMailText, mailboxProblemText, ProblemDetail } from '../../components/mail-problem.tsx';
import { useFormat } from '../../format/use-format.ts';
import { ConnectionResult } from './connection-result.tsx';
import {
  useAddMailbox,
  useMailboxDetail,
  useMailboxes,
  useRetryMail,
  useTestServers,
  useUpdateMailbox,
} from './use-mailboxes.ts';

const COUNTS = ['received', 'processed', 'ignored', 'failed'] as const;

function FailedMails({ mailbox, canRetry }: { mailbox: Mailbox; canRetry: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useMailboxDetail(mailbox.id, mailbox.counts.failed > 0);
  const retry = useRetryMail();
  if (mailbox.counts.failed === 0) return null;
  const failed: MailboxDetail['failed'] = detail.data?.failed ?? [];
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        {t('channels.failedTitle')}
      </Title>
      {detail.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {retry.isError && <Alert color="red">{errorText(t, retry.error)}</Alert>}
      {retry.data && (
        <Alert color={retry.data.state === 'failed' ? 'red' : 'teal'}>
          {t('channels.retried', { state: t(`channels.mailState.${retry.data.state}`) })}
        </Alert>
      )}
      <Stack gap="xs">
        {failed.map((mail) => (
          <Paper key={mail.id} withBorder p="xs" data-testid="failed-mail" data-mail-id={mail.id}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {mail.subject || t('channels.noSubject')}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {mail.from ?? t('common.none')} · {format.dateTime(mail.receivedAt)} ·{' '}
                  {t('channels.attempts', { count: mail.attempts })}
                </Text>
                {(mail.problem || mail.reason) && (
                  <Text
                    size="sm"
                    c="var(--calm-text-error)"
                    data-testid="failed-mail-problem"
                    data-problem={mail.problem ?? undefined}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {failedMailText(t, mail)}
                  </Text>
                )}
                {mail.problem && <ProblemDetail detail={mail.detail} />}
              </Stack>
              {canRetry && (
                <Button
                  size="xs"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  loading={retry.isPending && retry.variables === mail.id}
                  onClick={() => retry.mutate(mail.id)}
                  aria-label={`${t('channels.retry')}: ${mail.subject ?? mail.id}`}
                >
                  {t('channels.retry')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}

function MailboxCard({ mailbox, canEdit }: { mailbox: Mailbox; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateMailbox(mailbox.id);
  const test = useTestServers();
  const isOk = mailbox.status === 'ok';
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={mailbox.address}
      data-testid="mailbox"
      data-status={mailbox.status}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
            {mailbox.address}
          </Title>
          <Badge color={isOk ? 'teal' : 'red'} variant={isOk ? 'light' : 'filled'}>
            {t(`channels.status.${mailbox.status}`)}
          </Badge>
        </Group>
        {!isOk && (mailbox.lastProblem || mailbox.lastError) && (
          <Alert
            color="red"
            variant="light"
            title={t('channels.lastError')}
            data-testid="mailbox-error"
            data-problem={mailbox.lastProblem ?? undefined}
          >
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {mailboxProblemText(t, mailbox)}
            </Text>
            {mailbox.lastProblem && <ProblemDetail detail={mailbox.lastDetail} />}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed">
              {t('channels.imap')}:
            </Text>{' '}
            {mailbox.imap}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed">
              {t('channels.smtp')}:
            </Text>{' '}
            {mailbox.smtp ?? t('channels.noSmtp')}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              {t('channels.lastSync')}:
            </Text>{' '}
            {mailbox.lastSyncAt ? format.dateTime(mailbox.lastSyncAt) : t('channels.never')}
          </Text>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="mailbox-counts">
          {COUNTS.map((count) => (
            <Stack key={count} gap={0}>
              <Text size="xs" c="dimmed">
                {t(`channels.counts.${count}`)}
              </Text>
              <Text
                fw={600}
                c={count === 'failed' && mailbox.counts.failed > 0 ? 'var(--calm-text-error)' : undefined}
              >
                {format.number(mailbox.counts[count])}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Switch
          label={t('channels.acknowledge')}
          description={mailbox.smtp ? t('channels.acknowledgeHint') : t('channels.acknowledgeNeedsSmtp')}
          checked={mailbox.acknowledge}
          disabled={!canEdit || update.isPending || (!mailbox.smtp && !mailbox.acknowledge)}
          onChange={(e) => update.mutate({ acknowledge: e.currentTarget.checked })}
        />
        {update.isError && <Alert color="red">{errorText(t, update.error)}</Alert>}
        {canEdit && (
          <Stack gap="xs">
            <Button
              variant="default"
              size="xs"
              w="fit-content"
              loading={test.isPending}
              onClick={() => test.mutate({ id: mailbox.id })}
            >
              {t('channels.test')}
            </Button>
            {test.isPending && (
              <Text size="xs" c="dimmed">
                {t('channels.testing')}
              </Text>
            )}
            {test.isError && <Alert color="red">{errorText(t, test.error)}</Alert>}
            {test.data && <ConnectionResult result={test.data} />}
          </Stack>
        )}
        <FailedMails mailbox={mailbox} canRetry />
      </Stack>
    </Paper>
  );
}

function AddMailboxForm() {
  const { t } = useTranslation();
  const empty = { address: '', imap: '', smtp: '', acknowledge: false };
  const [form, setForm] = useState(empty);
  const add = useAddMailbox();
  const test = useTestServers();
  const servers = { imap: form.imap.trim(), ...(form.smtp.trim() ? { smtp: form.smtp.trim() } : {}) };
  const addErrors = formErrors(t, add.error, ['address', 'imap', 'smtp']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { address: form.address.trim(), ...servers, acknowledge: form.acknowledge && Boolean(servers.smtp) },
      {
        onSuccess: () => {
          setForm(empty);
          test.reset();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="add-mailbox-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-mailbox-title">
          {t('channels.add')}
        </Title>
        <TextInput
          label={t('channels.address')}
          type="email"
          required
          value={form.address}
          onChange={(e) => setForm({ ...form, address: e.currentTarget.value })}
          error={addErrors.at('address')}
        />
        <TextInput
          label={t('channels.imapUrl')}
          description={t('channels.imapHint')}
          required
          autoComplete="off"
          spellCheck={false}
          value={form.imap}
          onChange={(e) => setForm({ ...form, imap: e.currentTarget.value })}
          error={addErrors.at('imap')}
        />
        <TextInput
          label={t('channels.smtpUrl')}
          description={t('channels.smtpHint')}
          autoComplete="off"
          spellCheck={false}
          value={form.smtp}
          onChange={(e) => setForm({ ...form, smtp: e.currentTarget.value })}
          error={addErrors.at('smtp')}
        />
        <Switch
          label={t('channels.acknowledge')}
          description={form.smtp.trim() ? t('channels.acknowledgeHint') : t('channels.acknowledgeNeedsSmtp')}
          checked={form.acknowledge && Boolean(form.smtp.trim())}
          disabled={!form.smtp.trim()}
          onChange={(e) => setForm({ ...form, acknowledge: e.currentTarget.checked })}
        />
        {test.isPending && (
          <Text size="xs" c="dimmed">
            {t('channels.testing')}
          </Text>
        )}
        {test.isError && <Alert color="red">{errorText(t, test.error)}</Alert>}
        {test.data && <ConnectionResult result={test.data} />}
        {addErrors.above && <Alert color="red">{addErrors.above}</Alert>}
        {add.isSuccess && <Alert color="teal">{t('channels.added')}</Alert>}
        <Group gap="xs">
          <Button
            variant="default"
            loading={test.isPending}
            disabled={!servers.imap}
            onClick={() => test.mutate({ input: servers })}
          >
            {t('channels.test')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('channels.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The e-mail channel: mailboxes read over IMAP, their health and failed mails; owners add and change them. */
export function ChannelsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const mailboxes = useMailboxes();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="channels-title">
      <Stack>
        <Title order={2} size="h4" id="channels-title">
          {t('channels.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('channels.intro')}
        </Text>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            {t('channels.ownerOnly')}
          </Text>
        )}
        {mailboxes.isPending && <Loader aria-label={t('common.loading')} />}
        {mailboxes.isError && <Alert color="red">{errorText(t, mailboxes.error)}</Alert>}
        {mailboxes.data?.items.length === 0 && <Text size="sm">{t('channels.none')}</Text>}
        {mailboxes.data?.items.map((mailbox) => (
          <MailboxCard key={mailbox.id} mailbox={mailbox} canEdit={canEdit} />
        ))}
        {canEdit && <AddMailboxForm />}
      </Stack>
    </Paper>
  );
}
