import type { CaseSummary } from '@calmdesk/contracts';

/** The response deadline a case shows: the one running, one paused while it waits on the customer, or none. */
export type RunningDeadline =
  | { kind: 'first' | 'next'; dueAt: string }
  | { kind: 'paused'; remainingMinutes: number }
  | null;

type DeadlineFields = Pick<
  CaseSummary,
  'status' | 'firstResponseDueAt' | 'firstRespondedAt' | 'nextResponseDueAt' | 'slaPaused'
>;

/** Which deadline applies: none once resolved or closed, the first response until we answer, then the next. */
export function runningDeadline(item: DeadlineFields): RunningDeadline {
  if (item.status === 'resolved' || item.status === 'closed') return null;
  if (item.slaPaused) return { kind: 'paused', remainingMinutes: item.slaPaused.remainingMinutes };
  if (!item.firstRespondedAt)
    return item.firstResponseDueAt ? { kind: 'first', dueAt: item.firstResponseDueAt } : null;
  return item.nextResponseDueAt ? { kind: 'next', dueAt: item.nextResponseDueAt } : null;
}
