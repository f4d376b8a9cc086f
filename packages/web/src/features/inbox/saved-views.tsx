import type { NewSavedView, SavedView, ViewFilters } from '@calmdesk/contracts';
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

const VIEWS_KEY = ['views'];

/** The saved views as buttons that apply them, each with its delete; and saving the current filters. */
export function SavedViews({
  current,
  onApply,
}: {
  current: ViewFilters;
  onApply: (filters: ViewFilters) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const views = useQuery({
    queryKey: VIEWS_KEY,
    queryFn: () => api<{ items: SavedView[] }>('GET', '/api/views'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/views/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
  const [isSaving, setSaving] = useState(false);
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label={t('inboxList.views')}>
      {views.data?.items.map((view) => (
        <Group key={view.id} gap={0} wrap="nowrap" className="saved-view">
          <Button size="compact-sm" variant="light" onClick={() => onApply(view.filters)}>
            {view.name}
            {view.shared ? ` · ${t('inboxList.sharedMark')}` : ''}
          </Button>
          {view.canDelete && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={t('inboxList.deleteView', { name: view.name })}
              onClick={() => remove.mutate(view.id)}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      <Button size="compact-sm" variant="default" onClick={() => setSaving(true)}>
        {t('inboxList.saveView')}
      </Button>
      <Modal
        opened={isSaving}
        onClose={() => setSaving(false)}
        title={t('inboxList.saveViewTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {isSaving && <SaveViewForm filters={current} onClose={() => setSaving(false)} />}
      </Modal>
    </Group>
  );
}

function SaveViewForm({ filters, onClose }: { filters: ViewFilters; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: (view: NewSavedView) => api<SavedView>('POST', '/api/views', view),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: VIEWS_KEY });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name, shared, filters });
  };
  const nameError =
    save.error instanceof ApiError && save.error.code === 'conflict' ? t('inboxList.viewNameTaken') : null;
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('inboxList.viewName')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
          data-autofocus
        />
        <Checkbox
          label={t('inboxList.shareView')}
          checked={shared}
          onChange={(e) => setShared(e.currentTarget.checked)}
        />
        {save.isError && !nameError && <Alert color="red">{errorText(t, save.error)}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('inboxList.save')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
