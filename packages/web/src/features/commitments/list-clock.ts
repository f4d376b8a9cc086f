import { useEffect, useState } from 'react';

/** The relative times ("in 3 hours") are drawn again at least this often. */
const REDRAW_MS = 60_000;

/**
 * How long until the list must be drawn again: when the next promise falls due (it is overdue from
 * the millisecond after its time), and within a minute for the relative times.
 */
export function msUntilRedraw(dueTimes: readonly string[], now: number): number {
  const waits = dueTimes.map((dueAt) => Date.parse(dueAt) + 1 - now).filter((wait) => wait > 0);
  return Math.min(REDRAW_MS, ...waits);
}

/** The time the list is drawn at, moved on when a promise falls due, so it shows overdue then. */
export function useListClock(dueTimes: readonly string[]): Date {
  const [now, setNow] = useState(() => new Date());
  // biome-ignore lint/correctness/useExhaustiveDependencies: each redraw schedules the next one
  useEffect(() => {
    const timer = setTimeout(() => setNow(new Date()), msUntilRedraw(dueTimes, Date.now()));
    return () => clearTimeout(timer);
  }, [dueTimes, now]);
  return now;
}
