import type {
  CaseDetail,
  CasePatch,
  ChainVerdict,
  CompensationDecisionInput,
  Compensation as CompensationRecord,
  Interaction,
  NewCompensationInput,
  NewInteraction,
} from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export const caseKey = (id: string) => ['case', id] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api<CaseDetail>('GET', `/api/cases/${id}`) });
}

export function useLogVerification(id: string) {
  return useQuery({
    queryKey: ['case', id, 'verify'],
    queryFn: () => api<ChainVerdict>('GET', `/api/cases/${id}/verify`),
  });
}

function useCaseMutation<Input, Output>(id: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: caseKey(id) });
      void client.invalidateQueries({ queryKey: ['customer'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useAddInteraction(id: string) {
  return useCaseMutation(id, (input: NewInteraction) =>
    api<Interaction>('POST', `/api/cases/${id}/interactions`, input),
  );
}

export function useUpdateCase(id: string) {
  return useCaseMutation(id, (patch: CasePatch) => api<CaseDetail>('PATCH', `/api/cases/${id}`, patch));
}

export function useProposeCompensation(id: string) {
  return useCaseMutation(id, (input: NewCompensationInput) =>
    api<CompensationRecord>('POST', `/api/cases/${id}/compensations`, input),
  );
}

export function useDecideCompensation(caseId: string) {
  return useCaseMutation(caseId, (input: { id: string } & CompensationDecisionInput) =>
    api<CompensationRecord>('POST', `/api/compensations/${input.id}/decision`, { decision: input.decision }),
  );
}
