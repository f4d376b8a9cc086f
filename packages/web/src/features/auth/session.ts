import type { Session } from '@calmdesk/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, rememberCsrfToken } from '../../api/client.ts';

export const SESSION_KEY = ['session'] as const;

/** The signed-in staff member, or null when nobody is signed in. */
export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: async (): Promise<Session | null> => {
    // The server sets this readable flag beside the session cookie: without it nobody is signed in,
    // and a signed-out start page asks the API for nothing.
    if (!document.cookie.split('; ').includes('calmdesk_signed_in=1')) return null;
    try {
      const session = await api<Session>('GET', '/api/session');
      rememberCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      api<Session>('POST', '/api/session', credentials),
    onSuccess: (session) => {
      rememberCsrfToken(session.csrfToken);
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/api/session'),
    onSettled: () => {
      rememberCsrfToken(undefined);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
