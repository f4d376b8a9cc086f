import type { Commitment } from '@calmdesk/contracts';
import { useEffect, useReducer } from 'react';

/** The relative times ("in 3 hours") are drawn again at least this often. */
const REDRAW_MS = 60_000;

/** Whether an open promise's time has passed: overdue from the millisecond after it is due. */
export function isOverdue(promise: Pick<Commitment, 'status' | 'dueAt'>, now: Date | number): boolean {
  return promise.status === 'open' && Date.parse(promise.dueAt) < Number(now);
}

/**
 * How long until the list must be drawn again: when the next promise falls due (it is overdue from
 * the millisecond after its time), and within a minute for the relative times.
 */
export function msUntilRedraw(dueTimes: readonly string[], now: number): number {
  const waits = dueTimes.map((dueAt) => Date.parse(dueAt) + 1 - now).filter((wait) => wait > 0);
  return Math.min(REDRAW_MS, ...waits);
}

/**
 * The time to draw the promises at: read afresh on each render, and a render forced when the next
 * promise falls due (and each minute), so one shows overdue then without waiting for other changes.
 */
export function useListClock(dueTimes: readonly string[]): Date {
  const [ticks, tick] = useReducer((n: number) => n + 1, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each tick schedules the next one
  useEffect(() => {
    const timer = setTimeout(tick, msUntilRedraw(dueTimes, Date.now()));
    return () => clearTimeout(timer);
  }, [dueTimes, ticks]);
  return new Date();
}
