import type { Notification, NotificationList, NotificationPreferences } from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Everything about the bell; invalidate it to show news at once (e.g. when the server says so). */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const PREFERENCES_KEY = ['notification-preferences'] as const;
const SHOWN = 20;
/** The settings section with the e-mail choices, which the bell links to. */
export const PREFERENCES_SECTION_ID = 'email-notifications';

/** The newest notifications and the unread count: every 30 s and whenever the window regains focus. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api<NotificationList>('GET', `/api/notifications?limit=${SHOWN}`),
    refetchInterval: 30_000,
    refetchOnWindowFocus: 'always',
    staleTime: 5_000,
  });
}

/** What the list looks like once these are read: the bell answers at once, the server catches up. */
export function markedRead(list: NotificationList, ids: ReadonlySet<string> | 'all', at: string) {
  let marked = 0;
  const items = list.items.map((n): Notification => {
    if (n.readAt !== null || (ids !== 'all' && !ids.has(n.id))) return n;
    marked++;
    return { ...n, readAt: at };
  });
  const unread = ids === 'all' ? 0 : Math.max(0, list.unread - marked);
  return { items, unread };
}

function useMarkRead<Input>(
  path: (input: Input) => string,
  ids: (input: Input) => ReadonlySet<string> | 'all',
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => api<unknown>('POST', path(input), {}),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: NOTIFICATIONS_KEY });
      const before = client.getQueryData<NotificationList>(NOTIFICATIONS_KEY);
      if (before)
        client.setQueryData(NOTIFICATIONS_KEY, markedRead(before, ids(input), new Date().toISOString()));
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) client.setQueryData(NOTIFICATIONS_KEY, context.before);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkNotificationRead() {
  return useMarkRead(
    (id: string) => `/api/notifications/${encodeURIComponent(id)}/read`,
    (id) => new Set([id]),
  );
}

export function useMarkAllNotificationsRead() {
  return useMarkRead(
    (_: undefined) => '/api/notifications/read-all',
    () => 'all',
  );
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api<NotificationPreferences>('GET', '/api/me/notification-preferences'),
  });
}

export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) =>
      api<NotificationPreferences>('PUT', '/api/me/notification-preferences', body),
    onSuccess: (saved) => client.setQueryData(PREFERENCES_KEY, saved),
  });
}
