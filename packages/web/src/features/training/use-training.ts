import type { Lang } from '@calmdesk/analysis';
import type {
  NewTrainingSession,
  TrainingProgress,
  TrainingReplyAnswer,
  TrainingScenarioList,
  TrainingSession,
  TrainingSessionList,
  TrainingStatus,
} from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const TRAINING = ['training'] as const;
export const trainingSessionKey = (id: string) => [...TRAINING, 'session', id] as const;

export function scenariosUrl(language: Lang | null): string {
  return language ? `/api/training/scenarios?language=${language}` : '/api/training/scenarios';
}

export function sessionsUrl(filter: { user?: string | null; status?: TrainingStatus | null }): string {
  const params = new URLSearchParams();
  if (filter.user) params.set('user', filter.user);
  if (filter.status) params.set('status', filter.status);
  const query = params.toString();
  return query ? `/api/training/sessions?${query}` : '/api/training/sessions';
}

/** The scenarios in one language, or in all when `language` is null. */
export function useScenarios(language: Lang | null) {
  return useQuery({
    queryKey: [...TRAINING, 'scenarios', language],
    queryFn: () => api<TrainingScenarioList>('GET', scenariosUrl(language)),
    staleTime: 5 * 60_000,
  });
}

/** A person's sessions, newest first (an agent's own whatever `user` says). */
export function useTrainingSessions(filter: { user?: string | null; status?: TrainingStatus | null }) {
  return useQuery({
    queryKey: [...TRAINING, 'sessions', filter],
    queryFn: () => api<TrainingSessionList>('GET', sessionsUrl(filter)),
  });
}

export function useTrainingSession(id: string) {
  return useQuery({
    queryKey: trainingSessionKey(id),
    queryFn: () => api<TrainingSession>('GET', `/api/training/sessions/${encodeURIComponent(id)}`),
  });
}

/** The team's progress, for supervisors and the owner. */
export function useTrainingProgress(enabled: boolean) {
  return useQuery({
    queryKey: [...TRAINING, 'progress'],
    queryFn: () => api<TrainingProgress>('GET', '/api/training/progress'),
    enabled,
  });
}

/** Starts a scenario for oneself (active at once) or assigns it to someone else (`userId`). */
export function useCreateTrainingSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTrainingSession) => api<TrainingSession>('POST', '/api/training/sessions', input),
    onSuccess: (session) => {
      client.setQueryData(trainingSessionKey(session.id), session);
      void client.invalidateQueries({ queryKey: [...TRAINING, 'sessions'] });
      void client.invalidateQueries({ queryKey: [...TRAINING, 'progress'] });
    },
  });
}

/** The assignee starts a session someone assigned to them. */
export function useStartAssigned() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<TrainingSession>('POST', `/api/training/sessions/${encodeURIComponent(id)}/start`),
    onSuccess: (session) => {
      client.setQueryData(trainingSessionKey(session.id), session);
      void client.invalidateQueries({ queryKey: [...TRAINING, 'sessions'] });
    },
  });
}

export function useSendPracticeReply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<TrainingReplyAnswer>('POST', `/api/training/sessions/${encodeURIComponent(id)}/replies`, { text }),
    onSuccess: (answer) => {
      client.setQueryData(trainingSessionKey(id), answer.session);
      void client.invalidateQueries({ queryKey: [...TRAINING, 'sessions'] });
      void client.invalidateQueries({ queryKey: [...TRAINING, 'progress'] });
    },
  });
}
