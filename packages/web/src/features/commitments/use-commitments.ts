import type { Commitment, CommitmentList, CommitmentStatus } from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Every list of promises: the event stream makes them stale when a case changes. */
export const COMMITMENTS_KEY = ['commitments'] as const;

/** Which open promises the list shows: every one, ours, the customers', or those on my cases. */
export type CommitmentFilter = 'all' | 'us' | 'customer' | 'mine';

export function commitmentsUrl(filter: CommitmentFilter): string {
  const params = new URLSearchParams({ status: 'open', limit: '500' });
  if (filter === 'us' || filter === 'customer') params.set('who', filter);
  if (filter === 'mine') params.set('mine', 'true');
  return `/api/commitments?${params}`;
}

export function useCommitments(filter: CommitmentFilter) {
  return useQuery({
    queryKey: [...COMMITMENTS_KEY, filter],
    queryFn: () => api<CommitmentList>('GET', commitmentsUrl(filter)),
    refetchInterval: 60_000,
  });
}

/** Marks a promise kept, missed or cancelled; its case, the list and the inbox (escalations) follow. */
export function useSetCommitmentStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; status: CommitmentStatus }) =>
      api<Commitment>('PATCH', `/api/commitments/${input.id}`, { status: input.status }),
    onSuccess: (changed) => {
      void client.invalidateQueries({ queryKey: COMMITMENTS_KEY });
      void client.invalidateQueries({ queryKey: ['case', changed.caseId] });
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['customer'] });
    },
  });
}
