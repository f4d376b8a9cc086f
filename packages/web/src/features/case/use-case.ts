import type {
  CaseDetail,
  ChainVerdict,
  CompensationKind,
  Compensation as CompensationRecord,
  Interaction,
  InteractionKind,
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
  return useCaseMutation(id, (input: { kind: InteractionKind; body: string; override?: boolean }) =>
    api<Interaction>('POST', `/api/cases/${id}/interactions`, input),
  );
}

export interface CasePatch {
  status?: string;
  stage?: string | null;
  fault?: string;
  assignee?: string | null;
  /** Hand the case to the least busy supervisor. */
  escalate?: true;
}

export function useUpdateCase(id: string) {
  return useCaseMutation(id, (patch: CasePatch) => api<CaseDetail>('PATCH', `/api/cases/${id}`, patch));
}

export function useProposeCompensation(id: string) {
  return useCaseMutation(
    id,
    (input: { kind: CompensationKind; amount?: number; currency?: string; statutory: boolean }) =>
      api<CompensationRecord>('POST', `/api/cases/${id}/compensations`, input),
  );
}

export function useDecideCompensation(caseId: string) {
  return useCaseMutation(caseId, (input: { id: string; decision: 'approve' | 'reject' | 'issue' }) =>
    api<CompensationRecord>('POST', `/api/compensations/${input.id}/decision`, { decision: input.decision }),
  );
}
