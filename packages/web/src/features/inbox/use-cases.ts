import type { CasePage, User } from '@calmdesk/contracts';
import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface InboxFilters {
  status?: string | null;
  level?: string | null;
  /** A user id, `me` or `none`. */
  assignee?: string | null;
  channel?: string | null;
  /** `true`: the supervisors' queue, escalated cases only. */
  escalated?: 'true' | null;
  q?: string;
  sort?: 'priority' | 'due';
}

export function casesUrl(filters: InboxFilters, cursor?: string | null): string {
  const params = new URLSearchParams({ sort: filters.sort ?? 'priority', limit: '50' });
  for (const key of ['status', 'level', 'assignee', 'channel', 'escalated', 'q'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  return `/api/cases?${params}`;
}

/** What the inbox shows first: active cases, most urgent first. */
export const DEFAULT_FILTERS: InboxFilters = { status: 'active', sort: 'priority', q: '' };

/** What an inbox shows first: an agent their own cases and nobody's; supervisors and owners every case. */
export function defaultFiltersFor(role: string | undefined): InboxFilters {
  return role === 'agent' ? { ...DEFAULT_FILTERS, assignee: 'me_or_none' } : DEFAULT_FILTERS;
}

function casesQuery(filters: InboxFilters) {
  return infiniteQueryOptions({
    queryKey: ['cases', filters],
    queryFn: ({ pageParam }) => api<CasePage>('GET', casesUrl(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last: CasePage) => last.nextCursor,
  });
}

export function useCases(filters: InboxFilters) {
  return useInfiniteQuery({
    ...casesQuery(filters),
    placeholderData: keepPreviousData,
    // The event stream refreshes the list as cases change; this only catches what it cannot tell
    // (a change made straight in the database, or by a command-line tool on the embedded database).
    refetchInterval: 5 * 60_000,
  });
}

/** Starts loading the first inbox page alongside the session check instead of after it. */
export function prefetchInbox(client: QueryClient, role: string): void {
  void client.prefetchInfiniteQuery(casesQuery(defaultFiltersFor(role))).catch(() => undefined);
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api<{ items: User[] }>('GET', '/api/users'),
    staleTime: 5 * 60_000,
  });
}

/**
 * Opening a case reads it (the server notes it as it answers): the inbox drops the case's unread mark at
 * once instead of at its next refresh.
 */
export function useMarkOpened(): (caseId: string) => void {
  const client = useQueryClient();
  return (caseId) =>
    client.setQueriesData<InfiniteData<CasePage>>({ queryKey: ['cases'] }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === caseId ? { ...item, unread: false } : item)),
            })),
          }
        : data,
    );
}
