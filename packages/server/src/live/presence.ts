import type { LiveUser } from '@calmdesk/contracts';

/** How long a reply box counts as open after its last heartbeat (the web app beats every 10 s). */
export const REPLYING_TTL_MS = 25_000;

/**
 * Who has which case's reply box open, as this process heard it. Kept in memory, not in a table:
 * a mark lives for seconds, comes every 10 s from every open box and is worthless after a restart,
 * so a table would cost a write per heartbeat and a sweep of its own for nothing lasting. Every
 * process hears every mark on the live channel, so their boards agree within one heartbeat; a
 * process that has just started learns of a box already open at that box's next heartbeat.
 */
export interface PresenceBoard {
  /** Records a heartbeat (`active`) or a closed box; true when the case's list of users changed. */
  mark(caseId: string, user: LiveUser, active: boolean, now: number): boolean;
  /** The users replying on a case, the earliest first. */
  usersOf(caseId: string): LiveUser[];
  /** The cases somebody is replying on. */
  cases(): string[];
  /** Drops the marks not renewed in time; returns the cases whose list changed. */
  expire(now: number): string[];
}

export function createPresenceBoard(ttlMs = REPLYING_TTL_MS): PresenceBoard {
  const byCase = new Map<string, Map<string, { name: string; until: number }>>();
  return {
    mark(caseId, user, active, now) {
      let users = byCase.get(caseId);
      if (!active) {
        const removed = users?.delete(user.id) ?? false;
        if (users?.size === 0) byCase.delete(caseId);
        return removed;
      }
      if (!users) {
        users = new Map();
        byCase.set(caseId, users);
      }
      const known = users.get(user.id);
      // A renewed mark keeps its place: whoever opened the box first stays first.
      users.set(user.id, { name: user.name, until: now + ttlMs });
      return known === undefined || known.name !== user.name;
    },
    usersOf(caseId) {
      return [...(byCase.get(caseId) ?? [])].map(([id, { name }]) => ({ id, name }));
    },
    cases() {
      return [...byCase.keys()];
    },
    expire(now) {
      const changed: string[] = [];
      for (const [caseId, users] of byCase) {
        let isChanged = false;
        for (const [id, mark] of users) {
          if (mark.until <= now) {
            users.delete(id);
            isChanged = true;
          }
        }
        if (users.size === 0) byCase.delete(caseId);
        if (isChanged) changed.push(caseId);
      }
      return changed;
    },
  };
}
