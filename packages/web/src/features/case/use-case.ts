import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseDetail, CompensationKind, Interaction, InteractionKind } from '../../api/types.ts';

export const caseKey = (id: string) => ['case', id] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api<CaseDetail>('GET', `/api/cases/${id}`) });
}

export function useLogVerification(id: string) {
  return useQuery({
    queryKey: ['case', id, 'verify'],
    queryFn: () => api<{ ok: boolean; entries: number; brokenAt?: number }>('GET', `/api/cases/${id}/verify`),
  });
}

function useCaseMutation<Input, Output>(id: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKey(id) });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useAddInteraction(id: string) {
  return useCaseMutation(id, (input: { kind: InteractionKind; body: string; override?: boolean }) =>
    api<Interaction>('POST', `/api/cases/${id}/interactions`, input),
  );
}

export function useUpdateCase(id: string) {
  return useCaseMutation(id, (patch: Record<string, string | null>) =>
    api('PATCH', `/api/cases/${id}`, patch),
  );
}

export function useProposeCompensation(id: string) {
  return useCaseMutation(
    id,
    (input: { kind: CompensationKind; amount?: number; currency?: string; statutory: boolean }) =>
      api('POST', `/api/cases/${id}/compensations`, input),
  );
}
