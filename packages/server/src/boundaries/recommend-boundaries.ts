import {
  BOUNDARY_LEVELS,
  type BoundaryLevel,
  formatAmount,
  type Recommendation,
  type Standing,
  toMajor,
} from '@calmdesk/contracts';
import {
  bookingEvidence,
  incidentEvidence,
  invoiceEvidence,
  isoDate,
  lateCancellationsAndNoShows,
  overdueInvoices,
} from '../profiles/client-types.ts';
import type { CustomerHistory, HistoryDecision } from '../profiles/customer-history.ts';
import { DAY_MS } from '../profiles/customer-history.ts';
import type { ProfileRules } from '../profiles/profile-rules.ts';

export function levelRank(level: BoundaryLevel): number {
  return BOUNDARY_LEVELS.indexOf(level);
}

/** A confirmed decision in force: not revoked and not expired. */
export function isActive(decision: Pick<HistoryDecision, 'outcome' | 'expiresAt' | 'revokedAt'>, now: Date) {
  return (
    decision.outcome === 'confirmed' &&
    decision.revokedAt === null &&
    (decision.expiresAt === null || decision.expiresAt.getTime() > now.getTime())
  );
}

/**
 * What the rules recommend for a customer. A rule stays quiet when a decision in force already reaches
 * its level, or when a person already decided on exactly this evidence (dismissed, confirmed, revoked
 * or expired): it speaks again only when new evidence arrives.
 */
export function recommendBoundaries(
  history: CustomerHistory,
  decisions: HistoryDecision[],
  rules: ProfileRules,
  now: Date,
): Recommendation[] {
  const candidates = [...cancellationRules(history, rules, now), ...abuseRules(history, rules, now)];
  const overdue = overdueRule(history, rules, now);
  if (overdue) candidates.push(overdue);
  const active = decisions.filter((d) => isActive(d, now));
  const highest = Math.max(-1, ...active.map((d) => levelRank(d.level)));
  return candidates.filter((rec) => {
    if (levelRank(rec.level) <= highest) return false;
    const ids = rec.evidence.map((e) => e.id);
    return !decisions.some((d) => d.rule === rec.rule && ids.every((id) => d.evidenceIds.includes(id)));
  });
}

function cancellationRules(history: CustomerHistory, rules: ProfileRules, now: Date): Recommendation[] {
  const r = rules.boundaries.cancellations;
  const { late, noShows } = lateCancellationsAndNoShows(
    history.bookings,
    rules.lateCancelNoticeHours,
    now.getTime() - r.windowDays * DAY_MS,
  );
  const count = late.length + noShows.length;
  const params = {
    count,
    lateCancellations: late.length,
    noShows: noShows.length,
    windowDays: r.windowDays,
    noticeHours: rules.lateCancelNoticeHours,
    depositPercent: r.depositPercent,
  };
  const evidence = [...late, ...noShows]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((b) => bookingEvidence(b));
  const what =
    `${late.length} late cancellation(s) (less than ${rules.lateCancelNoticeHours} h before the start) ` +
    `and ${noShows.length} no-show(s) in the last ${r.windowDays} days`;
  // The higher step replaces the lower one: a customer at six is not also offered a deposit.
  if (count >= r.blockAt) {
    return [
      {
        rule: 'cancellations_block',
        level: 'booking_blocked',
        reason: `${what}; the limit is ${r.blockAt}: stop taking bookings.`,
        params: { ...params, limit: r.blockAt },
        evidence,
      },
    ];
  }
  if (count >= r.depositAt) {
    return [
      {
        rule: 'cancellations_deposit',
        level: 'deposit_required',
        reason: `${what}; the limit is ${r.depositAt}: ask for a ${r.depositPercent} % deposit with each booking.`,
        params: { ...params, limit: r.depositAt },
        evidence,
      },
    ];
  }
  return [];
}

function abuseRules(history: CustomerHistory, rules: ProfileRules, now: Date): Recommendation[] {
  const r = rules.boundaries.abuse;
  const incidents = history.incidents.filter(
    (i) => i.createdAt.getTime() >= now.getTime() - r.windowDays * DAY_MS,
  );
  const last = incidents.at(-1);
  if (!last) return [];
  const violent = incidents.filter((i) => i.flags.includes('threat_violence'));
  const lastViolent = violent.at(-1);
  if (r.endOnViolence && lastViolent) {
    return [
      {
        rule: 'violence_end',
        level: 'ended',
        reason: `Threatened violence against staff or property on ${isoDate(lastViolent.createdAt)}: end the cooperation.`,
        params: { count: violent.length, date: isoDate(lastViolent.createdAt) },
        evidence: violent.map((i) => incidentEvidence(i, history)),
      },
    ];
  }
  const params = { count: incidents.length, date: isoDate(last.createdAt), windowDays: r.windowDays };
  const evidence = incidents.map((i) => incidentEvidence(i, history));
  if (incidents.length >= r.endAt) {
    return [
      {
        rule: 'abuse_end',
        level: 'ended',
        reason: `${incidents.length} abusive messages to staff in the last ${r.windowDays} days, the latest on ${params.date}: end the cooperation.`,
        params: { ...params, limit: r.endAt },
        evidence,
      },
    ];
  }
  if (incidents.length >= r.warningAt) {
    return [
      {
        rule: 'abuse_warning',
        level: 'warning',
        reason: `${incidents.length} abusive message(s) to staff, the latest on ${params.date}: send a formal warning.`,
        params: { ...params, limit: r.warningAt },
        evidence,
      },
    ];
  }
  return [];
}

function overdueRule(history: CustomerHistory, rules: ProfileRules, now: Date): Recommendation | null {
  const r = rules.boundaries.overdue;
  const overdue = overdueInvoices(history.invoices, now, r.days);
  const oldest = overdue[0];
  if (!oldest?.dueAt) return null;
  const overdueDays = Math.floor((now.getTime() - oldest.dueAt.getTime()) / DAY_MS);
  return {
    rule: 'overdue_prepayment',
    level: 'prepayment_required',
    reason:
      `Invoice ${oldest.externalId ?? oldest.id} (${formatAmount(oldest.minor, oldest.currency)}) is ` +
      `${overdueDays} days overdue, more than ${r.days}: take further work only against prepayment.`,
    params: {
      invoice: oldest.externalId ?? oldest.id,
      amount: toMajor(oldest.minor, oldest.currency),
      currency: oldest.currency,
      dueDate: isoDate(oldest.dueAt),
      overdueDays,
      limitDays: r.days,
      invoices: overdue.length,
    },
    evidence: overdue.map(invoiceEvidence),
  };
}

export interface StandingDecision {
  id: string;
  level: BoundaryLevel;
  reason: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** What a booking system needs to know about a customer: the confirmed decisions in force, combined. */
export function computeStanding(active: StandingDecision[], depositPercent: number): Standing {
  const sorted = [...active].sort((a, b) => levelRank(b.level) - levelRank(a.level));
  const has = (level: BoundaryLevel) => sorted.some((d) => d.level === level);
  return {
    level: sorted[0]?.level ?? 'none',
    canBookOnline: !has('booking_blocked') && !has('ended'),
    depositRequired: has('deposit_required') ? depositPercent : false,
    prepaymentRequired: has('prepayment_required'),
    reasons: sorted.map((d) => ({
      decisionId: d.id,
      level: d.level,
      reason: d.reason,
      expiresAt: d.expiresAt?.toISOString() ?? null,
    })),
  };
}
