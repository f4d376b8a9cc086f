import type { ClientTypeResult, EvidenceRecord, SatisfiedMessage } from '@calmdesk/contracts';
import { addTo, amountsOf, exponentOf, formatAmount } from '@calmdesk/contracts';
import type {
  CustomerHistory,
  HistoryBooking,
  HistoryCommitment,
  HistoryIncident,
  HistoryInteraction,
  HistoryInvoice,
} from './customer-history.ts';
import { DAY_MS, HOUR_MS } from './customer-history.ts';

export type { ClientTypeResult, EvidenceRecord, SatisfiedMessage };

import type { ProfileRules } from './profile-rules.ts';

const MAX_EVIDENCE = 20;
const EXCERPT_CHARS = 160;

/** Suggests the difficult-client types (and `valued`) a customer's history supports, strongest first. */
export function classifyCustomer(
  history: CustomerHistory,
  rules: ProfileRules,
  now: Date,
): ClientTypeResult[] {
  const found = [
    impatient(history, rules, now),
    nonPayer(history, rules, now),
    nitpicker(history, rules, now),
    abusive(history, rules, now),
    disengaged(history, rules, now),
    serialCanceller(history, rules, now),
    refundSeeker(history, rules, now),
    valued(history, rules, now),
  ].filter((t): t is ClientTypeResult => t !== null);
  return found.sort((a, b) => b.score - a.score);
}

/** 0.5 at the threshold, rising to 1 at twice the threshold. */
export function thresholdScore(count: number, threshold: number): number {
  const raw = count < threshold ? (0.5 * count) / threshold : 0.5 + (0.5 * (count - threshold)) / threshold;
  return Math.round(Math.min(1, raw) * 100) / 100;
}

function since(now: Date, days: number): number {
  return now.getTime() - days * DAY_MS;
}

function inbound(history: CustomerHistory, from: number): HistoryInteraction[] {
  return history.interactions.filter((i) => i.kind === 'inbound' && i.createdAt.getTime() >= from);
}

function impatient(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.impatient;
  const from = since(now, r.windowDays);
  const urgent: HistoryInteraction[] = [];
  const repeating: HistoryInteraction[] = [];
  const quick: HistoryInteraction[] = [];
  let lastInbound: Date | null = null;
  for (const i of history.interactions) {
    if (i.kind === 'outbound' || i.kind === 'call') {
      lastInbound = null;
      continue;
    }
    if (i.kind !== 'inbound') continue;
    const recent = i.createdAt.getTime() >= from;
    if (recent && i.analysis?.flags.includes('urgency')) urgent.push(i);
    if (recent && i.analysis?.flags.includes('repeat_contact')) repeating.push(i);
    // Writing again before anyone answered, within a short time: chasing the queue.
    if (recent && lastInbound && i.createdAt.getTime() - lastInbound.getTime() <= r.repeatHours * HOUR_MS) {
      quick.push(i);
    }
    lastInbound = i.createdAt;
  }
  const signals = urgent.length + repeating.length + quick.length;
  if (signals < r.minSignals) return null;
  return {
    type: 'impatient',
    score: thresholdScore(signals, r.minSignals),
    sentence:
      `In the last ${r.windowDays} days: ${urgent.length} message(s) demanding immediate action, ` +
      `${repeating.length} saying they had already written or called, and ${quick.length} follow-up(s) ` +
      `within ${r.repeatHours} h before we had answered.`,
    params: {
      urgent: urgent.length,
      repeat: repeating.length,
      quickFollowUps: quick.length,
      repeatHours: r.repeatHours,
      windowDays: r.windowDays,
    },
    evidence: uniqueEvidence([...urgent, ...repeating, ...quick].map(interactionEvidence)),
  };
}

/** Unpaid invoices past their due date, oldest due first. */
export function overdueInvoices(invoices: HistoryInvoice[], now: Date, minDays = 0): HistoryInvoice[] {
  return invoices
    .filter(
      (i) => i.paidAt === null && i.dueAt !== null && now.getTime() - i.dueAt.getTime() > minDays * DAY_MS,
    )
    .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
}

/** The customer's own promises marked missed, or still open well past their due time. */
export function brokenCustomerPromises(
  commitments: HistoryCommitment[],
  rules: ProfileRules,
  now: Date,
): HistoryCommitment[] {
  const grace = rules.commitmentGraceHours * HOUR_MS;
  return commitments.filter(
    (c) =>
      c.who === 'customer' &&
      (c.status === 'missed' || (c.status === 'open' && now.getTime() - c.dueAt.getTime() > grace)),
  );
}

function nonPayer(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.nonPayer;
  const from = since(now, r.windowDays);
  const overdue = overdueInvoices(history.invoices, now);
  const paidLate = history.invoices.filter(
    (i) =>
      i.paidAt !== null &&
      i.dueAt !== null &&
      i.paidAt.getTime() >= from &&
      i.paidAt.getTime() - i.dueAt.getTime() > r.latePaymentDays * DAY_MS,
  );
  const demands = inbound(history, from).filter((i) => i.analysis?.flags.includes('compensation_demand'));
  const broken = brokenCustomerPromises(history.commitments, rules, now).filter(
    (c) => c.dueAt.getTime() >= from,
  );
  // A debt weighs more than a demand: one overdue invoice alone reaches the default threshold.
  const signals = 2 * overdue.length + paidLate.length + demands.length + broken.length;
  if (signals < r.minSignals) return null;
  const owed = new Map<string, number>();
  for (const i of overdue) addTo(owed, i.currency, i.minor);
  // One figure per currency, never a sum across them.
  const outstanding = amountsOf(owed);
  return {
    type: 'non_payer',
    score: thresholdScore(signals, r.minSignals),
    sentence:
      `${overdue.length} overdue unpaid invoice(s) (${outstandingText(owed)} outstanding), ` +
      `${paidLate.length} paid more than ${r.latePaymentDays} days late, ${demands.length} demand(s) ` +
      `for free work or compensation and ${broken.length} broken promise(s) in the last ${r.windowDays} days.`,
    params: {
      overdue: overdue.length,
      outstanding,
      paidLate: paidLate.length,
      latePaymentDays: r.latePaymentDays,
      demands: demands.length,
      brokenPromises: broken.length,
      windowDays: r.windowDays,
    },
    evidence: uniqueEvidence([
      ...overdue.map(invoiceEvidence),
      ...paidLate.map(invoiceEvidence),
      ...demands.map(interactionEvidence),
      ...broken.map(commitmentEvidence),
    ]),
  };
}

function nitpicker(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.nitpicker;
  const from = since(now, r.windowDays);
  const cases = history.cases.filter((c) => c.createdAt.getTime() >= from);
  if (cases.length < r.minCases) return null;
  const ours = cases.filter((c) => c.fault === 'ours').length;
  if (ours / cases.length > r.maxJustifiedShare) return null;
  return {
    type: 'nitpicker',
    score: thresholdScore(cases.length - ours, r.minCases),
    sentence: `${cases.length} cases in the last ${r.windowDays} days, of which ${ours} were found to be our fault.`,
    params: { cases: cases.length, ours, windowDays: r.windowDays },
    evidence: uniqueEvidence(
      cases.map((c) => ({
        kind: 'case' as const,
        id: c.id,
        at: c.createdAt.toISOString(),
        excerpt: excerpt(`${c.subject} (fault: ${c.fault})`),
        caseId: c.id,
      })),
    ),
  };
}

function abusive(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.abusive;
  const from = since(now, r.windowDays);
  const incidents = history.incidents.filter((i) => i.createdAt.getTime() >= from);
  if (incidents.length < r.minIncidents) return null;
  const violence = incidents.some((i) => i.flags.includes('threat_violence'));
  return {
    type: 'abusive',
    score: violence ? 1 : thresholdScore(incidents.length, r.minIncidents),
    sentence:
      `${incidents.length} abusive message(s) to staff in the last ${r.windowDays} days` +
      `${violence ? ', including a threat of violence' : ''}.`,
    params: { incidents: incidents.length, violence, windowDays: r.windowDays },
    evidence: uniqueEvidence(incidents.map((i) => incidentEvidence(i, history))),
  };
}

function disengaged(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.disengaged;
  const from = since(now, r.windowDays);
  const broken = brokenCustomerPromises(history.commitments, rules, now).filter(
    (c) => c.dueAt.getTime() >= from,
  );
  const lastActivity = new Map<string, Date>();
  for (const i of history.interactions) lastActivity.set(i.caseId, i.createdAt);
  const silent = history.cases
    .filter((c) => c.status === 'waiting_customer')
    .map((c) => ({ c, since: lastActivity.get(c.id) ?? c.updatedAt }))
    .filter(({ since }) => now.getTime() - since.getTime() > r.silenceDays * DAY_MS);
  const signals = broken.length + silent.length;
  if (signals < r.minSignals) return null;
  return {
    type: 'disengaged',
    score: thresholdScore(signals, r.minSignals),
    sentence:
      `${broken.length} broken promise(s) to us and ${silent.length} case(s) waiting on their answer ` +
      `for more than ${r.silenceDays} days.`,
    params: { brokenPromises: broken.length, silentCases: silent.length, silenceDays: r.silenceDays },
    evidence: uniqueEvidence([
      ...broken.map(commitmentEvidence),
      ...silent.map(({ c, since }) => ({
        kind: 'case' as const,
        id: c.id,
        at: since.toISOString(),
        excerpt: excerpt(
          `${c.subject}: waiting for the customer for ${Math.floor((now.getTime() - since.getTime()) / DAY_MS)} days`,
        ),
        caseId: c.id,
      })),
    ]),
  };
}

/** Seed 003: late cancellations (inside the notice, or marked late) and no-shows, newest last. */
export function lateCancellationsAndNoShows(
  bookings: HistoryBooking[],
  noticeHours: number,
  from: number,
): { late: HistoryBooking[]; noShows: HistoryBooking[] } {
  const inWindow = bookings.filter((b) => (b.cancelledAt ?? b.startsAt).getTime() >= from);
  return {
    late: inWindow.filter(
      (b) =>
        b.status === 'late_cancelled' ||
        (b.status === 'cancelled' &&
          b.cancelledAt !== null &&
          b.startsAt.getTime() - b.cancelledAt.getTime() < noticeHours * HOUR_MS),
    ),
    noShows: inWindow.filter((b) => b.status === 'no_show'),
  };
}

function serialCanceller(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.serialCanceller;
  const { late, noShows } = lateCancellationsAndNoShows(
    history.bookings,
    rules.lateCancelNoticeHours,
    since(now, r.windowDays),
  );
  const count = late.length + noShows.length;
  if (count < r.minLate) return null;
  return {
    type: 'serial_canceller',
    score: thresholdScore(count, r.minLate),
    sentence:
      `${late.length} late cancellation(s) (less than ${rules.lateCancelNoticeHours} h before the start) ` +
      `and ${noShows.length} no-show(s) in the last ${r.windowDays} days.`,
    params: {
      lateCancellations: late.length,
      noShows: noShows.length,
      noticeHours: rules.lateCancelNoticeHours,
      windowDays: r.windowDays,
    },
    evidence: uniqueEvidence([...late, ...noShows].map((b) => bookingEvidence(b))),
  };
}

const COMPLAINT_FLAGS = new Set([
  'refund_demand',
  'compensation_demand',
  'churn_threat',
  'threat_legal',
  'threat_public',
  'threat_violence',
  'insult',
  'profanity',
  'shouting',
]);

function isSatisfied(i: HistoryInteraction): SatisfiedMessage['reason'] | null {
  if (i.kind !== 'inbound' || !i.analysis) return null;
  if (i.analysis.flags.includes('gratitude') && !i.analysis.flags.includes('refund_demand'))
    return 'gratitude';
  const complains = i.analysis.flags.some((f) => COMPLAINT_FLAGS.has(f)) || i.analysis.problems > 0;
  return i.analysis.level === 'calm' && !complains ? 'calm' : null;
}

/** The latest refund demand, when it came at least `lateAfterDays` after a satisfied message. */
function lateRefundDemand(
  history: CustomerHistory,
  rules: ProfileRules,
  now: Date,
): { demand: HistoryInteraction; satisfied: HistoryInteraction[] } | null {
  const r = rules.types.refundSeeker;
  const from = since(now, r.lookbackDays);
  const demands = inbound(history, from).filter((i) => i.analysis?.flags.includes('refund_demand'));
  const demand = demands.at(-1);
  if (!demand) return null;
  const satisfied = history.interactions.filter(
    (i) => i.createdAt.getTime() < demand.createdAt.getTime() && isSatisfied(i) !== null,
  );
  const earliest = satisfied[0];
  if (!earliest || demand.createdAt.getTime() - earliest.createdAt.getTime() < r.lateAfterDays * DAY_MS) {
    return null;
  }
  return { demand, satisfied };
}

/** Seed 000: the customer's earlier satisfied messages, shown when a late refund demand arrives. */
export function findSatisfiedEarlier(
  history: CustomerHistory,
  rules: ProfileRules,
  now: Date,
): SatisfiedMessage[] {
  const late = lateRefundDemand(history, rules, now);
  if (!late) return [];
  return late.satisfied
    .map((i) => ({
      interactionId: i.id,
      caseId: i.caseId,
      at: i.createdAt.toISOString(),
      excerpt: excerpt(i.body),
      reason: isSatisfied(i) ?? 'calm',
    }))
    .sort((a, b) => (a.reason === b.reason ? b.at.localeCompare(a.at) : a.reason === 'gratitude' ? -1 : 1))
    .slice(0, MAX_EVIDENCE);
}

function refundSeeker(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const late = lateRefundDemand(history, rules, now);
  // Seed 000: a demand that names a concrete problem is a complaint to verify and fix, not this type.
  if (!late || (late.demand.analysis?.problems ?? 0) > 0) return null;
  const { demand, satisfied } = late;
  const thanked = satisfied.some((i) => isSatisfied(i) === 'gratitude');
  const ourFault = history.cases.some((c) => c.id === demand.caseId && c.fault === 'ours');
  const firstSatisfied = satisfied[0] as HistoryInteraction;
  const gapDays = Math.floor((demand.createdAt.getTime() - firstSatisfied.createdAt.getTime()) / DAY_MS);
  return {
    type: 'refund_seeker',
    score: Math.round((0.6 + (thanked ? 0.2 : 0) + (ourFault ? 0 : 0.2)) * 100) / 100,
    sentence:
      `Demanded a refund on ${isoDate(demand.createdAt)} without naming a concrete problem, ` +
      `${gapDays} days after the first of ${satisfied.length} satisfied message(s)` +
      `${thanked ? ' (including thanks)' : ''}.`,
    params: {
      demandedAt: isoDate(demand.createdAt),
      gapDays,
      satisfiedMessages: satisfied.length,
      thanked,
      ourFault,
    },
    evidence: uniqueEvidence([interactionEvidence(demand), ...satisfied.map(interactionEvidence)]),
  };
}

function valued(history: CustomerHistory, rules: ProfileRules, now: Date): ClientTypeResult | null {
  const r = rules.types.valued;
  const { rank, payingCustomers, revenue, totalRevenue, currency } = history.revenueRanking;
  if (rank === null || currency === null) return null;
  const cutoff = Math.max(1, Math.ceil(payingCustomers * r.topShare));
  if (rank > cutoff) return null;
  const share = totalRevenue > 0 ? revenue / totalRevenue : 0;
  const paid = history.invoices.filter(
    (i) => i.paidAt !== null && i.paidAt.getTime() >= since(now, r.windowDays),
  );
  return {
    type: 'valued',
    score: Math.round((0.5 + (0.5 * (cutoff - rank + 1)) / cutoff) * 100) / 100,
    sentence:
      `Rank ${rank} of ${payingCustomers} paying customers (top ${Math.round(r.topShare * 100)} %): ` +
      `${revenue.toFixed(exponentOf(currency))} ${currency} paid in the last ${r.windowDays} days, ` +
      `${Math.round(share * 100)} % of all revenue in ${currency}.`,
    params: {
      rank,
      payingCustomers,
      topPercent: Math.round(r.topShare * 100),
      revenue,
      currency,
      sharePercent: Math.round(share * 100),
      windowDays: r.windowDays,
    },
    evidence: uniqueEvidence(paid.map(invoiceEvidence)),
  };
}

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function outstandingText(owed: Map<string, number>): string {
  if (owed.size === 0) return 'nothing';
  return [...owed].map(([currency, minor]) => formatAmount(minor, currency)).join(' + ');
}

export function interactionEvidence(i: HistoryInteraction): EvidenceRecord {
  return {
    kind: 'interaction',
    id: i.id,
    at: i.createdAt.toISOString(),
    excerpt: excerpt(i.body),
    caseId: i.caseId,
  };
}

export function invoiceEvidence(i: HistoryInvoice): EvidenceRecord {
  const state = i.paidAt ? `paid ${isoDate(i.paidAt)}` : 'unpaid';
  const due = i.dueAt ? `, due ${isoDate(i.dueAt)}` : '';
  return {
    kind: 'invoice',
    id: i.id,
    at: (i.dueAt ?? i.issuedAt).toISOString(),
    excerpt: `${i.externalId ?? 'invoice'}: ${formatAmount(i.minor, i.currency)}${due}, ${state}`,
  };
}

export function commitmentEvidence(c: HistoryCommitment): EvidenceRecord {
  return {
    kind: 'commitment',
    id: c.id,
    at: c.dueAt.toISOString(),
    excerpt: excerpt(`${c.text} (${c.status})`),
    caseId: c.caseId,
  };
}

export function bookingEvidence(b: HistoryBooking): EvidenceRecord {
  const cancelled = b.cancelledAt
    ? `, cancelled ${b.cancelledAt.toISOString().slice(0, 16).replace('T', ' ')}`
    : '';
  return {
    kind: 'booking',
    id: b.id,
    at: b.startsAt.toISOString(),
    excerpt: `${b.service ?? 'booking'} ${b.startsAt.toISOString().slice(0, 16).replace('T', ' ')}: ${b.status}${cancelled}`,
  };
}

export function incidentEvidence(i: HistoryIncident, history: CustomerHistory): EvidenceRecord {
  const message = history.interactions.find((m) => m.id === i.interactionId);
  return {
    kind: 'incident',
    id: i.id,
    at: i.createdAt.toISOString(),
    excerpt: excerpt(`${i.flags.join(', ')}${message ? `: ${message.body}` : ''}`),
    caseId: i.caseId,
  };
}

function uniqueEvidence(records: EvidenceRecord[]): EvidenceRecord[] {
  const seen = new Set<string>();
  const out: EvidenceRecord[] = [];
  for (const r of records.sort((a, b) => b.at.localeCompare(a.at))) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out.slice(0, MAX_EVIDENCE);
}
