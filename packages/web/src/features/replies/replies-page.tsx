import type { CannedReply, Lang, ReplyScope } from '@calmdesk/contracts';
import { LANGS, REPLY_VARIABLES } from '@calmdesk/contracts';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../auth/session.ts';
import { useCannedReplies, useCreateReply, useDeleteReply, useUpdateReply } from './use-replies.ts';

interface Draft {
  id: string | null;
  lang: Lang;
  title: string;
  body: string;
  scope: ReplyScope;
}

const EMPTY: Draft = { id: null, lang: 'pl', title: '', body: '', scope: 'personal' };

/** The field an API error names, for showing it next to that field. */
function errorField(error: unknown): string | undefined {
  return error instanceof ApiError ? error.path?.split('.').at(-1) : undefined;
}

function ReplyForm({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.data?.user.role;
  const canShare = role === 'supervisor' || role === 'owner';
  const [form, setForm] = useState(draft);
  const create = useCreateReply();
  const update = useUpdateReply();
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const field = errorField(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = { onSuccess: onDone };
    if (form.id) {
      update.mutate({ id: form.id, patch: { lang: form.lang, title: form.title, body: form.body } }, done);
    } else {
      create.mutate({ lang: form.lang, title: form.title, body: form.body, scope: form.scope }, done);
    }
  };
  return (
    <Paper component="form" withBorder p="md" onSubmit={submit} data-testid="reply-form">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {form.id ? t('replies.edit') : t('replies.add')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('replies.language')}
            data={LANGS.map((lang) => ({ value: lang, label: t(`language.${lang}`) }))}
            value={form.lang}
            onChange={(lang) => lang && setForm((f) => ({ ...f, lang: lang as Lang }))}
            allowDeselect={false}
          />
          {!form.id && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="reply-scope-label">
                {t('replies.scope')}
              </Text>
              <SegmentedControl
                aria-labelledby="reply-scope-label"
                value={form.scope}
                onChange={(scope) => setForm((f) => ({ ...f, scope: scope as ReplyScope }))}
                data={[
                  { value: 'personal', label: t('replies.personal') },
                  { value: 'shared', label: t('replies.shared'), disabled: !canShare },
                ]}
              />
            </Stack>
          )}
        </Group>
        <TextInput
          label={t('replies.title')}
          value={form.title}
          onChange={(e) => {
            const title = e.currentTarget.value;
            setForm((f) => ({ ...f, title }));
          }}
          error={field === 'title' ? t('replies.titleNeeded') : undefined}
          required
        />
        <Textarea
          label={t('replies.body')}
          description={t('replies.bodyHint')}
          value={form.body}
          onChange={(e) => {
            const body = e.currentTarget.value;
            setForm((f) => ({ ...f, body }));
          }}
          error={field === 'body' ? t('replies.bodyNeeded') : undefined}
          autosize
          minRows={4}
          required
        />
        {error && !field && <Alert color="red">{errorText(t, error)}</Alert>}
        <Group>
          <Button type="submit" loading={saving}>
            {t('replies.save')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('replies.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ReplyCard({ reply, onEdit }: { reply: CannedReply; onEdit: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteReply();
  return (
    <Paper withBorder p="sm" data-testid="canned-reply" data-reply-id={reply.id}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>{reply.title}</Text>
          <Group gap={4} wrap="nowrap">
            <Badge variant="light">{t(`language.${reply.lang}`)}</Badge>
            <Badge variant="outline" color={reply.scope === 'shared' ? 'teal' : 'gray'}>
              {t(`replies.${reply.scope}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
          {reply.body}
        </Text>
        {reply.canEdit && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={onEdit}>
              {t('replies.edit')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(reply.id)}
            >
              {t('replies.delete')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Saved replies: the team's shared ones and one's own, per language, with the variables they may use. */
export function RepliesPage() {
  const { t } = useTranslation();
  const replies = useCannedReplies();
  const [editing, setEditing] = useState<Draft | null>(null);
  const [filter, setFilter] = useState<Lang | 'all'>('all');
  const items = (replies.data?.items ?? []).filter((r) => filter === 'all' || r.lang === filter);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">
          {t('replies.pageTitle')}
        </Title>
        {!editing && <Button onClick={() => setEditing(EMPTY)}>{t('replies.add')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('replies.intro')}
      </Text>
      <Paper withBorder p="sm">
        <Text size="sm" fw={600}>
          {t('replies.variables')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={4}>
          {REPLY_VARIABLES.map((name) => (
            <Text size="sm" key={name}>
              <Code>{`{${name}}`}</Code> {t(`replies.variable.${name}`)}
            </Text>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={6}>
          {t('replies.formsHint')}
        </Text>
      </Paper>
      {editing && <ReplyForm key={editing.id ?? 'new'} draft={editing} onDone={() => setEditing(null)} />}
      <SegmentedControl
        aria-label={t('replies.language')}
        value={filter}
        onChange={(value) => setFilter(value as Lang | 'all')}
        data={[
          { value: 'all', label: t('replies.all') },
          ...LANGS.map((lang) => ({ value: lang, label: t(`language.${lang}`) })),
        ]}
        w="fit-content"
      />
      {replies.isPending && <Loader aria-label={t('common.loading')} />}
      {replies.isError && <Alert color="red">{errorText(t, replies.error)}</Alert>}
      {replies.data && items.length === 0 && <Text c="dimmed">{t('replies.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {items.map((reply) => (
          <ReplyCard
            key={reply.id}
            reply={reply}
            onEdit={() =>
              setEditing({
                id: reply.id,
                lang: reply.lang,
                title: reply.title,
                body: reply.body,
                scope: reply.scope,
              })
            }
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
