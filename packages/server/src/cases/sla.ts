import type { Level } from '@calmdesk/analysis';
import type { CaseRow, CaseStatus } from '../db/schema.ts';
import type { Settings } from '../settings/settings.service.ts';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessCalendar,
  businessMinutesBetween,
} from './business-time.ts';

/** The case columns that hold its response deadlines. */
export type SlaChanges = Partial<
  Pick<
    CaseRow,
    | 'first_response_due_at'
    | 'next_response_due_at'
    | 'next_response_escalated_at'
    | 'sla_paused_at'
    | 'sla_remaining_minutes'
  >
>;

type SlaState = Pick<
  CaseRow,
  | 'status'
  | 'first_responded_at'
  | 'first_response_due_at'
  | 'next_response_due_at'
  | 'next_response_escalated_at'
  | 'sla_paused_at'
  | 'sla_remaining_minutes'
>;

const DONE: readonly CaseStatus[] = ['resolved', 'closed'];
const UNPAUSED = { sla_paused_at: null, sla_remaining_minutes: null } as const;

/** The organisation's business hours and holidays, ready for deadline arithmetic. */
export function calendarOf(settings: Settings): BusinessCalendar {
  return businessCalendar({
    timeZone: settings.timeZone,
    days: settings.businessHours.days,
    holidays: settings.holidays,
  });
}

function earlier(current: Date | null, due: Date): Date {
  return current && current < due ? current : due;
}

/** The deadline running on a case: the first response until we have answered once, then the next one. */
function runningDue(state: SlaState): Date | null {
  return state.first_responded_at === null ? state.first_response_due_at : state.next_response_due_at;
}

/**
 * The customer wrote, at `level`. Before our first reply it starts (or tightens) the first-response
 * deadline; after it, the next-response one. A deadline paused while the case waited on them goes on
 * with the business minutes it had left, tightened when the new message is angrier. A case they reopen
 * after it was resolved starts afresh.
 */
export function deadlinesOnInbound(state: SlaState, level: Level, settings: Settings, now: Date): SlaChanges {
  const calendar = calendarOf(settings);
  const resumed =
    state.sla_paused_at === null ? null : addBusinessMinutes(now, state.sla_remaining_minutes ?? 0, calendar);
  if (state.first_responded_at === null) {
    const current = resumed ?? (DONE.includes(state.status) ? null : state.first_response_due_at);
    const due = addBusinessMinutes(now, settings.firstResponseMinutes[level], calendar);
    return { first_response_due_at: earlier(current, due), ...UNPAUSED };
  }
  const current = resumed ?? state.next_response_due_at;
  const due = addBusinessMinutes(now, settings.nextResponseMinutes[level], calendar);
  return {
    next_response_due_at: earlier(current, due),
    // A new deadline may be escalated when missed; one already running keeps what the sweep did to it.
    next_response_escalated_at: current === null ? null : state.next_response_escalated_at,
    ...UNPAUSED,
  };
}

/** We replied: nothing is due from us until the customer writes again. */
export function deadlinesOnReply(): SlaChanges {
  return { next_response_due_at: null, ...UNPAUSED };
}

/**
 * The case's status changes: waiting on the customer pauses the running deadline (keeping the business
 * minutes left), leaving that status resumes it, and resolving or closing stops it.
 */
export function deadlinesOnStatus(
  state: SlaState,
  status: CaseStatus,
  settings: Settings,
  now: Date,
): SlaChanges {
  if (status === state.status) return {};
  if (DONE.includes(status)) return { next_response_due_at: null, ...UNPAUSED };
  if (status === 'waiting_customer') {
    const due = runningDue(state);
    if (due === null || state.sla_paused_at !== null) return {};
    // Rounded up: a pause never brings a deadline forward.
    const left = Math.ceil(businessMinutesBetween(now, due, calendarOf(settings)));
    return { sla_paused_at: now, sla_remaining_minutes: left };
  }
  if (state.sla_paused_at === null) return {};
  const resumed = addBusinessMinutes(now, state.sla_remaining_minutes ?? 0, calendarOf(settings));
  return state.first_responded_at === null
    ? { first_response_due_at: resumed, ...UNPAUSED }
    : { next_response_due_at: resumed, ...UNPAUSED };
}
