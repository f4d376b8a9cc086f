import type { LiveEvent, LiveUser } from '@calmdesk/contracts';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { COMMITMENTS_KEY } from '../commitments/use-commitments.ts';
import { NOTIFICATIONS_KEY } from '../notifications/use-notifications.ts';

/**
 * The queries an event makes stale: the inbox lists and the promises for every change (a message may
 * hold a promise; a promise kept, missed or cancelled changes its case), and the case (and its log
 * check), the customer pages and the bell for a change to a case (an assignment, a customer writing
 * again and an escalation each tell someone). Only queries on screen refetch; the rest refetch when
 * next shown.
 */
export function keysToRefresh(event: LiveEvent): QueryKey[] {
  switch (event.type) {
    case 'case.created':
      // A first message may hold the customer's promise.
      return [['cases'], COMMITMENTS_KEY];
    case 'case.updated':
    case 'interaction.added':
      return [['cases'], ['case', event.caseId], ['customer'], NOTIFICATIONS_KEY, COMMITMENTS_KEY];
    default:
      return [];
  }
}

const NOBODY: readonly LiveUser[] = Object.freeze([]);

/** Who is replying on which case, as the event stream last said; React reads it through subscribe. */
export interface PresenceStore {
  usersOf(caseId: string): readonly LiveUser[];
  set(caseId: string, users: readonly LiveUser[]): void;
  /** Adds users the stream has not mentioned yet (the reply mark's own answer, when the stream is slow). */
  include(caseId: string, users: readonly LiveUser[]): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

export function createPresenceStore(): PresenceStore {
  let byCase = new Map<string, readonly LiveUser[]>();
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const store: PresenceStore = {
    usersOf: (caseId) => byCase.get(caseId) ?? NOBODY,
    set(caseId, users) {
      byCase = new Map(byCase);
      if (users.length === 0) byCase.delete(caseId);
      else byCase.set(caseId, users);
      notify();
    },
    include(caseId, users) {
      const known = store.usersOf(caseId);
      const added = users.filter((user) => !known.some((k) => k.id === user.id));
      if (added.length > 0) store.set(caseId, [...known, ...added]);
    },
    clear() {
      if (byCase.size === 0) return;
      byCase = new Map();
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

/** The signed-in app's one presence store, fed by its one event stream. */
export const presence = createPresenceStore();

/** Invalidations within this window are sent as one: a burst of mail refetches the inbox once. */
const COALESCE_MS = 200;
const MIN_REOPEN_MS = 2_000;
const MAX_REOPEN_MS = 60_000;

/**
 * Opens the app's event stream and keeps it open: the browser reconnects a dropped stream by itself
 * (sending `Last-Event-ID`, so the server replays what was missed or says `resync`); a stream the
 * browser gave up on (the server down or refusing) is opened anew with a growing delay, and then
 * every query on screen is refetched, since nothing tells what was missed. Returns the stop function.
 */
export function startLiveEvents(client: QueryClient, store: PresenceStore = presence): () => void {
  let source: EventSource | null = null;
  let isStopped = false;
  let hasBeenOpen = false;
  let reopenDelay = MIN_REOPEN_MS;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<string, QueryKey>();

  const flush = () => {
    flushTimer = undefined;
    for (const queryKey of pending.values()) void client.invalidateQueries({ queryKey });
    pending.clear();
  };
  const refresh = (keys: QueryKey[]) => {
    for (const key of keys) pending.set(JSON.stringify(key), key);
    if (pending.size > 0 && flushTimer === undefined) flushTimer = setTimeout(flush, COALESCE_MS);
  };
  const handle = (event: LiveEvent) => {
    if (event.type === 'presence') store.set(event.caseId, event.users);
    else if (event.type === 'resync') void client.invalidateQueries();
    else refresh(keysToRefresh(event));
  };

  const open = () => {
    const current = new EventSource('/api/events');
    source = current;
    let isFresh = true;
    current.onopen = () => {
      reopenDelay = MIN_REOPEN_MS;
      // The server sends who is replying where right after; what was known before may be stale.
      store.clear();
      if (isFresh && hasBeenOpen) void client.invalidateQueries();
      isFresh = false;
      hasBeenOpen = true;
    };
    current.onmessage = (message: MessageEvent<string>) => {
      try {
        handle(JSON.parse(message.data) as LiveEvent);
      } catch {
        // Not an event this version of the app knows: ignored.
      }
    };
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED || isStopped) return;
      reopenTimer = setTimeout(open, reopenDelay);
      reopenDelay = Math.min(reopenDelay * 2, MAX_REOPEN_MS);
    };
  };
  open();

  return () => {
    isStopped = true;
    clearTimeout(reopenTimer);
    clearTimeout(flushTimer);
    source?.close();
    store.clear();
  };
}
