import type {
  BoundaryDecision,
  BoundaryRule,
  CustomerProfile,
  NewBoundary,
  Recommendation,
  Standing,
} from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const keys = {
  profile: (id: string) => ['customer', id, 'profile'] as const,
  standing: (id: string) => ['customer', id, 'standing'] as const,
  recommendations: (id: string) => ['customer', id, 'recommendations'] as const,
  boundaries: (id: string) => ['customer', id, 'boundaries'] as const,
};

export function useCustomerProfile(id: string) {
  return useQuery({
    queryKey: keys.profile(id),
    queryFn: () => api<CustomerProfile>('GET', `/api/customers/${encodeURIComponent(id)}/profile`),
  });
}

export function useStanding(id: string) {
  return useQuery({
    queryKey: keys.standing(id),
    queryFn: () => api<Standing>('GET', `/api/customers/${encodeURIComponent(id)}/standing`),
  });
}

export function useRecommendations(id: string) {
  return useQuery({
    queryKey: keys.recommendations(id),
    queryFn: () =>
      api<{ items: Recommendation[] }>('GET', `/api/customers/${encodeURIComponent(id)}/recommendations`),
  });
}

export function useBoundaries(id: string) {
  return useQuery({
    queryKey: keys.boundaries(id),
    queryFn: () =>
      api<{ items: BoundaryDecision[] }>('GET', `/api/customers/${encodeURIComponent(id)}/boundaries`),
  });
}

/** Every boundary write changes the standing, the recommendations and the history together. */
function useBoundaryWrite<Input>(id: string, request: (input: Input) => Promise<BoundaryDecision>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      for (const key of [keys.standing(id), keys.recommendations(id), keys.boundaries(id)]) {
        void client.invalidateQueries({ queryKey: key });
      }
    },
  });
}

export function useConfirmBoundary(id: string) {
  return useBoundaryWrite(id, (input: NewBoundary) =>
    api<BoundaryDecision>('POST', `/api/customers/${encodeURIComponent(id)}/boundaries`, input),
  );
}

export function useDismissRecommendation(id: string) {
  return useBoundaryWrite(id, ({ rule, reason }: { rule: BoundaryRule; reason: string }) =>
    api<BoundaryDecision>(
      'POST',
      `/api/customers/${encodeURIComponent(id)}/recommendations/${rule}/dismiss`,
      { reason },
    ),
  );
}

export function useSendLetter(id: string) {
  return useBoundaryWrite(id, (decisionId: string) =>
    api<BoundaryDecision>('POST', `/api/boundaries/${encodeURIComponent(decisionId)}/letter/send`),
  );
}

export function useRevokeBoundary(id: string) {
  return useBoundaryWrite(id, ({ decisionId, reason }: { decisionId: string; reason: string }) =>
    api<BoundaryDecision>('POST', `/api/boundaries/${encodeURIComponent(decisionId)}/revoke`, { reason }),
  );
}
