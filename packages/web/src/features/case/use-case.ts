import type {
  CaseDetail,
  CasePatch,
  ChainVerdict,
  CompensationDecisionInput,
  Compensation as CompensationRecord,
  Interaction,
  InteractionPage,
  NewCompensationInput,
  NewInteraction,
} from '@calmdesk/contracts';
import { MAX_INTERACTION_PAGE } from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { type EarlierEntries, mergeLog, missingBetween } from './case-log.ts';

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

function fetchLogPage(caseId: string, before: number, limit?: number) {
  const query = new URLSearchParams({ before: String(before), ...(limit ? { limit: String(limit) } : {}) });
  return api<InteractionPage>('GET', `/api/cases/${caseId}/interactions?${query}`);
}

/**
 * A case's log as the page shows it: the newest entries that come with the case, and the older pages
 * `showEarlier` fetches, kept while the case itself is fetched again after every change.
 */
export function useCaseLog(item: CaseDetail) {
  const [earlier, setEarlier] = useState<EarlierEntries | null>(null);
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const before = earlier ? earlier.before : item.interactionsBefore;
  const showEarlier = useCallback(() => {
    if (before === null) return;
    setLoading(true);
    setError(null);
    fetchLogPage(item.id, before)
      .then((page) =>
        setEarlier((known) => ({ items: [...page.items, ...(known?.items ?? [])], before: page.before })),
      )
      .catch((failure: Error) => setError(failure))
      .finally(() => setLoading(false));
  }, [item.id, before]);
  const missing = missingBetween(earlier, item.interactions, MAX_INTERACTION_PAGE);
  const missingBefore = missing?.before;
  const missingLimit = missing?.limit;
  useEffect(() => {
    if (missingBefore === undefined || missingLimit === undefined) return;
    let isCurrent = true;
    fetchLogPage(item.id, missingBefore, missingLimit)
      .then((page) => {
        if (isCurrent) setEarlier((known) => known && { ...known, items: [...known.items, ...page.items] });
      })
      .catch((failure: Error) => setError(failure));
    return () => {
      isCurrent = false;
    };
  }, [item.id, missingBefore, missingLimit]);
  // Stable between renders, so the memoised conversation does not re-render on every keystroke.
  const shown = useMemo(() => mergeLog(earlier, item.interactions), [earlier, item.interactions]);
  const hidden = item.interactionCount - shown.length;
  const hasEarlier = before !== null;
  return useMemo(
    () => ({ shown, hidden, hasEarlier, showEarlier, isLoading, error }),
    [shown, hidden, hasEarlier, showEarlier, isLoading, error],
  );
}
