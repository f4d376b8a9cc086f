import type { PersonForms } from '@calmdesk/analysis/core';
import type {
  CannedReply,
  CannedReplyInput,
  CannedReplyPatch,
  CaseReplies,
  OwnProfile,
  User,
} from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { SESSION_KEY } from '../auth/session.ts';

const REPLIES_KEY = ['replies'] as const;
const caseRepliesKey = (caseId: string) => ['replies', 'case', caseId] as const;

export function useCannedReplies() {
  return useQuery({
    queryKey: REPLIES_KEY,
    queryFn: () => api<{ items: CannedReply[] }>('GET', '/api/replies'),
  });
}

/** The saved replies written out for a case, with the forms and the signature its replies use. */
export function useCaseReplies(caseId: string | undefined) {
  return useQuery({
    queryKey: caseRepliesKey(caseId ?? ''),
    queryFn: () => api<CaseReplies>('GET', `/api/cases/${encodeURIComponent(caseId ?? '')}/replies`),
    enabled: Boolean(caseId),
  });
}

/** The agent's and the customer's grammatical forms on a case, once known: phrases are written for them. */
export function useReplyForms(caseId: string): PersonForms | undefined {
  return useCaseReplies(caseId).data?.forms;
}

/** Saved replies, the case lists written from them, and the session's profile all change together. */
function useInvalidateReplies() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: REPLIES_KEY });
}

export function useCreateReply() {
  const invalidate = useInvalidateReplies();
  return useMutation({
    mutationFn: (input: CannedReplyInput) => api<CannedReply>('POST', '/api/replies', input),
    onSuccess: invalidate,
  });
}

export function useUpdateReply() {
  const invalidate = useInvalidateReplies();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CannedReplyPatch }) =>
      api<CannedReply>('PATCH', `/api/replies/${encodeURIComponent(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteReply() {
  const invalidate = useInvalidateReplies();
  return useMutation({
    mutationFn: (id: string) => api<null>('DELETE', `/api/replies/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}

export function useUpdateOwnProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profile: OwnProfile) => api<User>('PUT', '/api/session/profile', profile),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: SESSION_KEY });
      void client.invalidateQueries({ queryKey: REPLIES_KEY });
    },
  });
}
