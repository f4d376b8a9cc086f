import type { Interaction } from '@calmdesk/contracts';

/** The older entries the page has fetched: oldest first, and the `before` of the next older page. */
export interface EarlierEntries {
  items: Interaction[];
  before: number | null;
}

/** The log as shown: the earlier entries fetched, then the case's newest page, each entry once. */
export function mergeLog(earlier: EarlierEntries | null, newest: Interaction[]): Interaction[] {
  if (!earlier) return newest;
  const last = earlier.items.at(-1)?.seq ?? 0;
  return [...earlier.items, ...newest.filter((entry) => entry.seq > last)];
}

/**
 * The entries missing between the earlier ones and the newest page, as a page request (`before`,
 * `limit`), or null when they join: new entries push the newest page forward after earlier ones were
 * fetched, and what fell between must be fetched too.
 */
export function missingBetween(
  earlier: EarlierEntries | null,
  newest: Interaction[],
  maxLimit: number,
): { before: number; limit: number } | null {
  const last = earlier?.items.at(-1)?.seq;
  const first = newest[0]?.seq;
  if (last === undefined || first === undefined || first <= last + 1) return null;
  const limit = Math.min(maxLimit, first - last - 1);
  return { before: last + 1 + limit, limit };
}
