import type { LiveUser, Replying } from '@calmdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api } from '../../api/client.ts';
import { presence, startLiveEvents } from './live-events.ts';

/** Keeps the signed-in app's event stream open while it is mounted. */
export function useLiveEvents(): void {
  const client = useQueryClient();
  useEffect(() => startLiveEvents(client), [client]);
}

/** How often an open reply box says so; the server forgets a mark after 25 s without one. */
const REPLYING_BEAT_MS = 10_000;

/**
 * Tells the other open pages that this staff member is replying on the case while `isReplying`, and
 * answers who else is.
 */
export function useReplying(caseId: string, myId: string | undefined, isReplying: boolean): LiveUser[] {
  useEffect(() => {
    if (!isReplying) return;
    let isOver = false;
    const beat = () =>
      api<Replying>('POST', `/api/cases/${caseId}/replying`)
        .then((answer) => {
          if (!isOver) presence.include(caseId, answer.users);
        })
        .catch(() => undefined);
    void beat();
    const timer = setInterval(beat, REPLYING_BEAT_MS);
    return () => {
      isOver = true;
      clearInterval(timer);
      void api('DELETE', `/api/cases/${caseId}/replying`).catch(() => undefined);
    };
  }, [caseId, isReplying]);
  const users = useSyncExternalStore(presence.subscribe, () => presence.usersOf(caseId));
  return useMemo(() => users.filter((user) => user.id !== myId), [users, myId]);
}
