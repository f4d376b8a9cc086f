import { type CommitmentStatus, minorFrom } from '@calmdesk/contracts';
import type { Db } from '../db/database.ts';
import type { BookingStatus, BoundaryLevel, CaseStatus, Fault, InteractionKind } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { loadRevenueRanking, type RevenueRanking } from './revenue-ranks.ts';

/** Everything the type and boundary rules look at, for one customer: plain data, no database. */
export interface CustomerHistory {
  customer: { id: string; name: string; language: string | null; emails: string[] };
  cases: HistoryCase[];
  /** Oldest first. */
  interactions: HistoryInteraction[];
  bookings: HistoryBooking[];
  invoices: HistoryInvoice[];
  commitments: HistoryCommitment[];
  incidents: HistoryIncident[];
  /** Paid revenue of every paying customer over the valued window, for the 80/20 curve. */
  revenueRanking: RevenueRanking;
}

export interface HistoryCase {
  id: string;
  subject: string;
  status: CaseStatus;
  fault: Fault;
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryInteraction {
  id: string;
  caseId: string;
  kind: InteractionKind;
  body: string;
  createdAt: Date;
  /** Inbound messages only: what the engine found. */
  analysis: { flags: string[]; level: string; lang: string; problems: number } | null;
}

export interface HistoryBooking {
  id: string;
  service: string | null;
  startsAt: Date;
  status: BookingStatus;
  cancelledAt: Date | null;
}

export interface HistoryInvoice {
  id: string;
  externalId: string | null;
  /** In minor units of `currency` (money/money.ts). */
  minor: number;
  currency: string;
  issuedAt: Date;
  dueAt: Date | null;
  paidAt: Date | null;
}

export interface HistoryCommitment {
  id: string;
  caseId: string;
  who: 'us' | 'customer';
  text: string;
  dueAt: Date;
  status: CommitmentStatus;
}

export interface HistoryIncident {
  id: string;
  interactionId: string;
  caseId: string;
  flags: string[];
  level: string;
  createdAt: Date;
}

/** A recorded person's decision on a customer's boundary (or the dismissal of a recommendation). */
export interface HistoryDecision {
  id: string;
  level: BoundaryLevel;
  outcome: 'confirmed' | 'dismissed';
  rule: string | null;
  evidenceIds: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const MAX_INTERACTIONS = 5000;

/**
 * Loads one customer's history for the rules; `valuedWindowDays` bounds the revenue curve. Once the
 * customer is found, the queries are independent (the case log and promises select the customer's
 * cases themselves), so they run at once: on PostgreSQL each takes its own pooled connection.
 */
export async function loadCustomerHistory(
  db: Db,
  customerId: string,
  now: Date,
  valuedWindowDays: number,
): Promise<CustomerHistory> {
  const casesOfCustomer = db.selectFrom('cases').select('id').where('customer_id', '=', customerId);
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'language', 'emails'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFound('customer', customerId);
  const [cases, interactions, commitments, bookings, invoices, incidents, revenueRanking] = await Promise.all(
    [
      db
        .selectFrom('cases')
        .select(['id', 'subject', 'status', 'fault', 'created_at', 'updated_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('interactions')
        .select(['id', 'case_id', 'kind', 'body', 'created_at', 'analysis'])
        .where('case_id', 'in', casesOfCustomer)
        .orderBy('created_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(MAX_INTERACTIONS)
        .execute(),
      db
        .selectFrom('commitments')
        .select(['id', 'case_id', 'who', 'text', 'due_at', 'status'])
        .where('case_id', 'in', casesOfCustomer)
        .orderBy('due_at')
        .execute(),
      db
        .selectFrom('bookings')
        .select(['id', 'service', 'starts_at', 'status', 'cancelled_at'])
        .where('customer_id', '=', customerId)
        .orderBy('starts_at')
        .execute(),
      db
        .selectFrom('invoices')
        .select(['id', 'external_id', 'amount_minor', 'currency', 'issued_at', 'due_at', 'paid_at'])
        .where('customer_id', '=', customerId)
        .orderBy('issued_at')
        .execute(),
      db
        .selectFrom('abuse_incidents')
        .select(['id', 'interaction_id', 'case_id', 'flags', 'level', 'created_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
      loadRevenueRanking(db, customerId, now, valuedWindowDays),
    ],
  );
  return {
    customer: { id: customer.id, name: customer.name, language: customer.language, emails: customer.emails },
    cases: cases.map((c) => ({
      id: c.id,
      subject: c.subject,
      status: c.status,
      fault: c.fault,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    })),
    interactions: interactions.reverse().map((i) => ({
      id: i.id,
      caseId: i.case_id,
      kind: i.kind,
      body: i.body,
      createdAt: i.created_at,
      analysis: i.kind === 'inbound' ? readAnalysis(i.analysis) : null,
    })),
    bookings: bookings.map((b) => ({
      id: b.id,
      service: b.service,
      startsAt: b.starts_at,
      status: b.status,
      cancelledAt: b.cancelled_at,
    })),
    invoices: invoices.map((i) => ({
      id: i.id,
      externalId: i.external_id,
      minor: minorFrom(i.amount_minor),
      currency: i.currency,
      issuedAt: i.issued_at,
      dueAt: i.due_at,
      paidAt: i.paid_at,
    })),
    commitments: commitments.map((c) => ({
      id: c.id,
      caseId: c.case_id,
      who: c.who,
      text: c.text,
      dueAt: c.due_at,
      status: c.status,
    })),
    incidents: incidents.map((i) => ({
      id: i.id,
      interactionId: i.interaction_id,
      caseId: i.case_id,
      flags: i.flags,
      level: i.level,
      createdAt: i.created_at,
    })),
    revenueRanking,
  };
}

function readAnalysis(raw: unknown): HistoryInteraction['analysis'] {
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as { flags?: unknown; level?: unknown; lang?: unknown; problems?: unknown };
  return {
    flags: Array.isArray(a.flags) ? a.flags.filter((f): f is string => typeof f === 'string') : [],
    level: typeof a.level === 'string' ? a.level : 'calm',
    lang: typeof a.lang === 'string' ? a.lang : 'und',
    problems: Array.isArray(a.problems) ? a.problems.length : 0,
  };
}

/** Every decision on the customer, dismissals included, oldest first. */
export async function loadDecisions(db: Db, customerId: string): Promise<HistoryDecision[]> {
  const rows = await db
    .selectFrom('boundary_decisions')
    .select(['id', 'level', 'outcome', 'rule', 'evidence', 'created_at', 'expires_at', 'revoked_at'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    outcome: r.outcome,
    rule: r.rule,
    evidenceIds: evidenceIdsOf(r.evidence),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

function evidenceIdsOf(evidence: unknown): string[] {
  if (!Array.isArray(evidence)) return [];
  return evidence
    .map((e) => (typeof e === 'object' && e !== null ? (e as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
