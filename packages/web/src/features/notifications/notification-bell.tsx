import { CONNECTION_PROBLEMS, type Notification } from '@calmdesk/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative } from '../../components/due-countdown.tsx';
import { mailProblemKeys } from '../../components/mail-problem.tsx';
import { useFormat } from '../../format/use-format.ts';
import { notificationSentence, notificationTarget } from './notification-sentence.ts';
import {
  PREFERENCES_SECTION_ID,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from './use-notifications.ts';
import './notifications.css';
import { errorText } from '../../api/errors.ts';

function BellIcon() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** "just now" under a minute, else "5 minutes ago" / "5 minut temu" / "5 minuti eest". */
function useAge(iso: string, now: Date): string {
  const { t, i18n } = useTranslation();
  const at = new Date(iso);
  return now.getTime() - at.getTime() < 60_000
    ? t('notifications.justNow')
    : formatRelative(at, now, i18n.language);
}

function NotificationItem({
  item,
  now,
  onOpen,
}: {
  item: Notification;
  now: Date;
  onOpen: (item: Notification) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const age = useAge(item.createdAt, now);
  const unread = item.readAt === null;
  const why = item.kind === 'mailbox_failing' ? mailboxFailure(t, item.details) : null;
  return (
    <li>
      <UnstyledButton
        className="notification-item"
        data-unread={unread}
        data-kind={item.kind}
        data-testid="notification"
        onClick={() => onOpen(item)}
      >
        {unread && <span className="visually-hidden">{t('notifications.unread')}: </span>}
        <Text size="sm" fw={unread ? 500 : 400} lh={1.35}>
          {notificationSentence(t, format, item)}
        </Text>
        {why && (
          <Text size="xs" c="dimmed" mt={2} lineClamp={2}>
            {why}
          </Text>
        )}
        <Text
          size="xs"
          c="dimmed"
          mt={2}
          component="time"
          dateTime={item.createdAt}
          title={format.dateTime(item.createdAt)}
        >
          {age}
        </Text>
      </UnstyledButton>
    </li>
  );
}

function useNow(intervalMs: number, running: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!running) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, running]);
  return now;
}

/** The header's bell: the unread count, and the newest notifications one click away. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const query = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const now = useNow(30_000, opened);
  const unread = query.data?.unread ?? 0;
  const items = query.data?.items ?? [];
  const { refetch } = query;
  useEffect(() => {
    if (opened) void refetch();
  }, [opened, refetch]);

  const open = (item: Notification) => {
    if (item.readAt === null) markRead.mutate(item.id);
    setOpened(false);
    const target = notificationTarget(item);
    if (target) void navigate(target);
  };

  return (
    // The count sits outside the popover's target, which carries the button's ARIA state.
    <Indicator
      label={<span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>}
      disabled={unread === 0}
      size={18}
      offset={5}
      color="red"
      data-testid="bell-count"
      data-count={unread}
    >
      <Popover
        opened={opened}
        onChange={setOpened}
        position="bottom-end"
        width="min(26rem, calc(100vw - 1rem))"
        shadow="md"
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('notifications.bell', { count: unread })}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} role="dialog" aria-labelledby="notifications-title">
          <Group justify="space-between" wrap="wrap" px="sm" py="xs" gap={4}>
            {/* Focus starts on the heading, so the list is read from the top and no button looks pressed. */}
            <Title
              order={2}
              size="h5"
              id="notifications-title"
              tabIndex={-1}
              data-autofocus
              style={{ outline: 'none' }}
            >
              {t('notifications.title')}
            </Title>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={unread === 0}
              onClick={() => markAll.mutate(undefined)}
            >
              {t('notifications.markAllRead')}
            </Button>
          </Group>
          <ScrollArea.Autosize mah="min(65vh, 32rem)" type="auto">
            {query.isPending && (
              <Group justify="center" p="md">
                <Loader size="sm" aria-label={t('common.loading')} />
              </Group>
            )}
            {query.isError && (
              <Alert color="red" m="sm">
                {errorText(t, query.error)}
              </Alert>
            )}
            {query.isSuccess && items.length === 0 && (
              <Text size="sm" c="dimmed" px="sm" pb="sm">
                {t('notifications.empty')}
              </Text>
            )}
            {items.length > 0 && (
              <ul className="notification-list" data-testid="notification-list">
                {items.map((item) => (
                  <NotificationItem key={item.id} item={item} now={now} onOpen={open} />
                ))}
              </ul>
            )}
          </ScrollArea.Autosize>
          <Group justify="flex-end" px="sm" py="xs">
            <Anchor
              component={Link}
              to="/settings"
              hash={PREFERENCES_SECTION_ID}
              size="sm"
              onClick={() => setOpened(false)}
            >
              {t('notifications.emailSettings')}
            </Anchor>
          </Group>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

/** Why a mailbox fails: its problem in the reader's language and the server's own words, else the stored reason. */
function mailboxFailure(t: TFunction, details: Notification['details']): string | null {
  const { problem, detail, reason } = details;
  const known = CONNECTION_PROBLEMS.find((p) => p === problem);
  if (!known) return typeof reason === 'string' && reason ? reason : null;
  const said = t(mailProblemKeys.mailbox(known));
  return typeof detail === 'string' && detail ? `${said} (${detail})` : said;
}
