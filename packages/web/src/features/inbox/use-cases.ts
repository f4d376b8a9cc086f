import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseSummary, Page, User } from '../../api/types.ts';

export interface InboxFilters {
  status?: string | null;
  level?: string | null;
  /** A user id, `me` or `none`. */
  assignee?: string | null;
  channel?: string | null;
  q?: string;
  sort?: 'priority' | 'due';
}

export function casesUrl(filters: InboxFilters, cursor?: string | null): string {
  const params = new URLSearchParams({ sort: filters.sort ?? 'priority', limit: '50' });
  for (const key of ['status', 'level', 'assignee', 'channel', 'q'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  return `/api/cases?${params}`;
}

export function useCases(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: ['cases', filters],
    queryFn: ({ pageParam }) => api<Page<CaseSummary>>('GET', casesUrl(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api<{ items: User[] }>('GET', '/api/users'),
    staleTime: 5 * 60_000,
  });
}
