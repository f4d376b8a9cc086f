import type {
  Mailbox,
  MailboxDetail,
  MailboxPatch,
  MailOutcome,
  NewMailbox,
  ServerTest,
  ServerTestResult,
} from '@calmdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

const MAILBOXES_KEY = ['mailboxes'] as const;
const mailboxKey = (id: string) => ['mailboxes', id] as const;

/** The mailboxes with status and counts; read again every 30 s while shown, as the poller moves on. */
export function useMailboxes() {
  return useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: () => api<{ items: Mailbox[] }>('GET', '/api/mailboxes'),
    refetchInterval: 30_000,
  });
}

/** One mailbox with the mails that failed; asked for only when there are any. */
export function useMailboxDetail(id: string, enabled: boolean) {
  return useQuery({
    queryKey: mailboxKey(id),
    queryFn: () => api<MailboxDetail>('GET', `/api/mailboxes/${id}`),
    enabled,
  });
}

function useRefreshMailboxes() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: MAILBOXES_KEY });
}

export function useAddMailbox() {
  const refresh = useRefreshMailboxes();
  return useMutation({
    mutationFn: (input: NewMailbox) => api<Mailbox>('POST', '/api/mailboxes', input),
    onSuccess: refresh,
  });
}

export function useUpdateMailbox(id: string) {
  const refresh = useRefreshMailboxes();
  return useMutation({
    mutationFn: (patch: MailboxPatch) => api<MailboxDetail>('PATCH', `/api/mailboxes/${id}`, patch),
    onSuccess: refresh,
  });
}

/** Tries servers not yet stored (`input`), or a stored mailbox's (`id`). */
export function useTestServers() {
  return useMutation({
    mutationFn: (target: { input: ServerTest } | { id: string }) =>
      'id' in target
        ? api<ServerTestResult>('POST', `/api/mailboxes/${target.id}/test`)
        : api<ServerTestResult>('POST', '/api/mailboxes/test', target.input),
  });
}

export function useRetryMail() {
  const refresh = useRefreshMailboxes();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<MailOutcome>('POST', `/api/mail/${id}/retry`),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
