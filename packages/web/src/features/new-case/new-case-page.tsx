import type { CaseDetail, Channel } from '@calmdesk/contracts';
import { LANGS as LANGUAGES } from '@calmdesk/contracts/enums';
import { Alert, Button, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formErrors } from '../../api/errors.ts';

const CHANNELS: Channel[] = ['phone', 'visit', 'email', 'web', 'chat', 'review'];
/** The fields an error can be shown under; any other error goes above the form. */
const FIELDS = ['name', 'email', 'phone', 'language', 'channel', 'subject', 'message.body'];

export function NewCasePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    name: '',
    email: '',
    phone: '',
    language: 'pl',
    channel: 'phone',
    subject: '',
    body: '',
  });
  const set = (key: keyof typeof form) => (value: string | null) =>
    setForm((f) => ({ ...f, [key]: value ?? '' }));
  const create = useMutation({
    mutationFn: () =>
      api<CaseDetail>('POST', '/api/cases', {
        customer: {
          name: form.name,
          ...(form.email ? { email: form.email } : {}),
          ...(form.phone ? { phone: form.phone } : {}),
          language: form.language,
        },
        channel: form.channel,
        subject: form.subject,
        ...(form.body.trim() ? { message: { body: form.body } } : {}),
      }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['cases'] });
      void navigate({ to: '/cases/$id', params: { id: created.id } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = formErrors(t, create.error, FIELDS);
  const fieldError = errors.at;
  return (
    <Paper component="form" onSubmit={submit} withBorder p="lg" maw={640}>
      <Stack>
        <Title order={1} size="h3">
          {t('newCase.title')}
        </Title>
        {errors.above && (
          <Alert color="red" role="alert">
            {errors.above}
          </Alert>
        )}
        <TextInput
          label={t('newCase.name')}
          required
          value={form.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={fieldError('name')}
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('newCase.email')}
            type="email"
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={fieldError('email')}
          />
          <TextInput
            label={t('newCase.phone')}
            type="tel"
            value={form.phone}
            onChange={(e) => set('phone')(e.currentTarget.value)}
            error={fieldError('phone')}
          />
        </Group>
        <Group grow wrap="wrap">
          <Select
            label={t('newCase.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
            value={form.language}
            onChange={set('language')}
            allowDeselect={false}
            error={fieldError('language')}
          />
          <Select
            label={t('newCase.channel')}
            data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            value={form.channel}
            onChange={set('channel')}
            allowDeselect={false}
            error={fieldError('channel')}
          />
        </Group>
        <TextInput
          label={t('newCase.subject')}
          required
          maxLength={300}
          value={form.subject}
          onChange={(e) => set('subject')(e.currentTarget.value)}
          error={fieldError('subject')}
        />
        <Textarea
          label={t('newCase.message')}
          description={t('newCase.messageHint')}
          autosize
          minRows={4}
          value={form.body}
          onChange={(e) => set('body')(e.currentTarget.value)}
          error={fieldError('message.body')}
        />
        <Button type="submit" loading={create.isPending}>
          {t('newCase.create')}
        </Button>
      </Stack>
    </Paper>
  );
}
