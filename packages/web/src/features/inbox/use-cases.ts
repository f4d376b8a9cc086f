import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseSummary, Page } from '../../api/types.ts';

export interface InboxFilters {
  status?: string | null;
  level?: string | null;
  assignee?: string | null;
  channel?: string | null;
  q?: string;
}

export function casesUrl(filters: InboxFilters, cursor?: string | null): string {
  const params = new URLSearchParams({ sort: 'priority', limit: '50' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return `/api/cases?${params}`;
}

export function useCases(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: ['cases', filters],
    queryFn: ({ pageParam }) => api<Page<CaseSummary>>('GET', casesUrl(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
