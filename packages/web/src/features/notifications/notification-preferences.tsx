import type { NotificationKind, Role } from '@calmdesk/contracts';
import { NOTIFICATION_KINDS } from '@calmdesk/contracts/enums';
import { Alert, Button, Checkbox, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useIsFetching } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import {
  PREFERENCES_SECTION_ID as SECTION_ID,
  useNotificationPreferences,
  useSaveNotificationPreferences,
} from './use-notifications.ts';

/** Kinds only some roles are ever told about; the rest can reach anyone. */
const ONLY_FOR: Partial<Record<NotificationKind, readonly Role[]>> = {
  refund_to_approve: ['supervisor', 'owner'],
  boundary_recommended: ['supervisor', 'owner'],
  mailbox_failing: ['owner'],
};

export function kindsFor(role: Role): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => ONLY_FOR[kind]?.includes(role) ?? true);
}

/** "My e-mail notifications": which of the bell's kinds also come by e-mail, for the signed-in person. */
export function NotificationPreferencesSection({ role, email }: { role: Role; email: string }) {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [chosen, setChosen] = useState<NotificationKind[] | null>(null);
  useEffect(() => {
    if (preferences.data) setChosen(preferences.data.email);
  }, [preferences.data]);
  const hash = useLocation({ select: (location) => location.hash.replace(/^#/, '') });
  const ready = chosen !== null;
  // The bell's link leads here. The sections above load on their own and push this one down, so it is
  // brought into view once nothing on the page is loading any more, and only once per visit.
  const loading = useIsFetching() > 0;
  const shown = useRef(false);
  useEffect(() => {
    const node = document.getElementById(SECTION_ID);
    if (!ready || loading || hash !== SECTION_ID || !node || shown.current) return;
    shown.current = true;
    const frame = requestAnimationFrame(() => node.scrollIntoView?.({ block: 'start' }));
    return () => cancelAnimationFrame(frame);
  }, [ready, loading, hash]);
  const kinds = kindsFor(role);
  const toggle = (kind: NotificationKind, on: boolean) => {
    save.reset();
    setChosen((current) => {
      const rest = (current ?? []).filter((k) => k !== kind);
      return on ? [...rest, kind] : rest;
    });
  };
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      id="email-notifications"
      aria-labelledby="email-notifications-title"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="email-notifications-title">
          {t('notifications.preferences.title')}
        </Title>
        <Text size="sm">{t('notifications.preferences.intro', { email })}</Text>
        <Alert color="blue" variant="light" p="xs">
          <Text size="sm">{t('notifications.preferences.mailNote')}</Text>
        </Alert>
        {preferences.isPending && <Loader aria-label={t('common.loading')} />}
        {preferences.isError && <Alert color="red">{errorText(t, preferences.error)}</Alert>}
        {chosen && (
          <Stack gap="sm" role="group" aria-labelledby="email-notifications-title">
            {kinds.map((kind) => (
              <Checkbox
                key={kind}
                value={kind}
                data-kind={kind}
                label={t(`notifications.preferences.kind.${kind}.label`)}
                description={t(`notifications.preferences.kind.${kind}.hint`)}
                checked={chosen.includes(kind)}
                onChange={(e) => toggle(kind, e.currentTarget.checked)}
              />
            ))}
          </Stack>
        )}
        {save.isSuccess && <Alert color="teal">{t('notifications.preferences.saved')}</Alert>}
        {save.isError && <Alert color="red">{errorText(t, save.error)}</Alert>}
        <Button
          w="fit-content"
          disabled={!chosen}
          loading={save.isPending}
          // Kinds hidden from this role stay as they were.
          onClick={() =>
            chosen &&
            save.mutate({
              email: [
                ...(preferences.data?.email ?? []).filter((k) => !kinds.includes(k)),
                ...kinds.filter((k) => chosen.includes(k)),
              ],
            })
          }
        >
          {t('settings.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
