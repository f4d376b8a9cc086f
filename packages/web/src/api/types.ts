import type {
  Analysis,
  BoundaryLevel,
  ClientType,
  Coaching,
  Fault,
  Flag,
  Lang,
  Level,
} from '@calmdesk/analysis';

export type { BoundaryLevel, ClientType };

/** The shapes of the CalmDesk API's JSON, as packages/server/src/<feature>/present.ts writes them. */
export type Role = 'agent' | 'supervisor' | 'owner';
export type CaseStatus = 'new' | 'open' | 'waiting_customer' | 'waiting_us' | 'resolved' | 'closed';
export type Channel = 'email' | 'phone' | 'web' | 'visit' | 'chat' | 'review';
export type InteractionKind = 'inbound' | 'outbound' | 'note' | 'call';
export type CompensationKind =
  | 'repair'
  | 'replacement'
  | 'voucher'
  | 'free_session'
  | 'discount'
  | 'cash_refund';
export type CompensationStatus = 'proposed' | 'approved' | 'rejected' | 'issued';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  signature?: string | null;
}

/** GET/POST /api/session. */
export interface Session {
  user: User;
  csrfToken?: string;
  /** May send a reply the coach blocked (supervisor or owner). */
  canOverride: boolean;
}

export interface Named {
  id: string;
  name: string;
}

export interface CaseSummary {
  id: string;
  subject: string;
  status: CaseStatus;
  channel: Channel;
  priority: number;
  level: Level | null;
  peakLevel: Level | null;
  flags: Flag[];
  problems: string[];
  language: Lang | null;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  customer: Named;
  assignee: Named | null;
}

export interface Interaction {
  id: string;
  caseId: string;
  seq: number;
  kind: InteractionKind;
  body: string;
  author: Named | null;
  analysis: Analysis | null;
  coaching: Coaching | null;
  overriddenBy: string | null;
  createdAt: string;
  hash: string;
}

export interface CommitmentRecord {
  id: string;
  caseId: string;
  interactionId: string | null;
  who: 'us' | 'customer';
  text: string;
  dueAt: string;
  status: 'open' | 'kept' | 'missed';
  escalatedAt: string | null;
  createdAt: string;
}

export interface CompensationRecord {
  id: string;
  caseId: string;
  kind: CompensationKind;
  amount: number | null;
  currency: string | null;
  statutory: boolean;
  status: CompensationStatus;
  proposedBy: string | null;
  approverId: string | null;
  decidedAt: string | null;
  note: string | null;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  stage: string | null;
  fault: Fault;
  interactions: Interaction[];
  commitments: CommitmentRecord[];
  compensations: CompensationRecord[];
}

/** GET /api/cases/:id/verify. */
export interface ChainVerdict {
  ok: boolean;
  entries: number;
  brokenAt?: number;
}

export interface Customer {
  id: string;
  externalId: string | null;
  name: string;
  emails: string[];
  phones: string[];
  language: string | null;
  addressForm: 'formal' | 'informal' | null;
  tags: string[];
  notes: string | null;
  createdAt: string;
}

/** GET /api/customers/:id: the customer with every case, each with its log. */
export interface CustomerDetail extends Customer {
  cases: CaseDetail[];
}

/** GET/PATCH /api/settings. */
export interface Settings {
  name: string;
  languages: Lang[];
  timeZone: string;
  businessHours: { days: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string]>> };
  firstResponseMinutes: Record<Level, number>;
  compensationPolicy: {
    prefer: Exclude<CompensationKind, 'cash_refund'>[];
    cashRefundLimit: number;
    currency: string;
  };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type BoundaryRule =
  | 'cancellations_deposit'
  | 'cancellations_block'
  | 'abuse_warning'
  | 'abuse_end'
  | 'violence_end'
  | 'overdue_prepayment';
/** A sentence's facts; a list of amounts is one per currency (e.g. `outstanding`). */
export type Params = Record<string, string | number | boolean | Amount[]>;
/** Amounts per ISO currency code, e.g. `{ PLN: 1200 }`. */
export type Money = Record<string, number>;

export interface EvidenceRecord {
  kind: 'interaction' | 'booking' | 'invoice' | 'commitment' | 'case' | 'incident';
  id: string;
  at: string;
  excerpt: string;
  caseId?: string;
}

export interface ClientTypeResult {
  type: ClientType;
  score: number;
  /** English; the web says it from `type` + `params` in the interface language. */
  sentence: string;
  params: Params;
  evidence: EvidenceRecord[];
}

export interface KeptBroken {
  kept: number;
  broken: number;
  open: number;
}

/** GET /api/customers/:id/profile. */
export interface CustomerProfile {
  customer: Customer;
  types: ClientTypeResult[];
  stats: {
    revenue: { last12Months: Money; total: Money };
    unpaid: { amount: Money; overdueAmount: Money; invoices: number; overdueInvoices: number };
    bookings: {
      booked: number;
      attended: number;
      cancelled: number;
      late_cancelled: number;
      no_show: number;
      total: number;
      lateCancellations: number;
    };
    cases: { total: number; open: number; faultOurs: number; faultCustomer: number };
    incidents: { total: number; last12Months: number; violence: number };
    commitments: { customer: KeptBroken; us: KeptBroken };
  };
  satisfiedEarlier: Array<{
    interactionId: string;
    caseId: string;
    at: string;
    excerpt: string;
    reason: 'gratitude' | 'calm';
  }>;
}

/** GET /api/customers/:id/standing. */
export interface Standing {
  level: BoundaryLevel | 'none';
  canBookOnline: boolean;
  depositRequired: number | false;
  prepaymentRequired: boolean;
  reasons: Array<{ decisionId: string; level: BoundaryLevel; reason: string; expiresAt: string | null }>;
}

export interface Recommendation {
  rule: BoundaryRule;
  level: BoundaryLevel;
  /** English; the web says it from `rule` + `params`. */
  reason: string;
  params: Params;
  evidence: EvidenceRecord[];
}

export interface Letter {
  lang: Lang;
  subject: string;
  body: string;
}

export interface BoundaryDecision {
  id: string;
  customerId: string;
  level: BoundaryLevel;
  outcome: 'confirmed' | 'dismissed';
  state: 'active' | 'expired' | 'revoked' | 'dismissed';
  rule: BoundaryRule | null;
  reason: string;
  evidence: EvidenceRecord[];
  letter: Letter | null;
  decidedBy: { id: string; name: string | null };
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: { id: string; name: string | null } | null;
  revokeReason: string | null;
}

/** GET/PATCH /api/settings/profile-rules (the parts the settings page edits; the rest passes through). */
export interface ProfileRules {
  lateCancelNoticeHours: number;
  commitmentGraceHours: number;
  types: Record<string, Record<string, number>>;
  boundaries: {
    cancellations: { windowDays: number; depositAt: number; depositPercent: number; blockAt: number };
    abuse: { windowDays: number; warningAt: number; endAt: number; endOnViolence: boolean };
    overdue: { days: number };
    expiryDays: Record<BoundaryLevel, number | null>;
  };
}

export interface AnalyticsPeriod {
  from: string;
  to: string;
  timeZone: string;
  months: string[];
}

/** An amount in major units with its currency: amounts are never added up across currencies. */
export interface Amount {
  currency: string;
  amount: number;
}

export interface RevenuePareto {
  period: AnalyticsPeriod;
  /** The curve's one currency. */
  currency: string;
  customers: number;
  revenue: number;
  topCustomers: number;
  topShare: number | null;
  currencies: string[];
  /** The period's paid revenue in each currency. */
  totals: Amount[];
  points: Array<{
    rank: number;
    customerShare: number;
    cumulativeRevenue: number;
    revenueShare: number;
    currency: string;
  }>;
}

export type Quadrant =
  | 'high_revenue_low_effort'
  | 'high_revenue_high_effort'
  | 'low_revenue_low_effort'
  | 'low_revenue_high_effort';

export interface CostToServeRow {
  customerId: string;
  name: string;
  cases: number;
  interactions: { inbound: number; outbound: number; call: number; note: number };
  minutes: number;
  revenue: number;
  currency: string;
  quadrant: Quadrant;
  types: string[];
}

export interface CostToServe {
  period: AnalyticsPeriod;
  /** The one currency of every revenue figure. */
  currency: string;
  customers: number;
  medians: { revenue: number; minutes: number; currency: string };
  quadrants: Record<Quadrant, { customers: number; revenue: number; minutes: number; currency: string }>;
  currencies: string[];
  totals: Amount[];
  items: CostToServeRow[];
}

export interface DeEscalationRow {
  month: string | null;
  agentId: string | null;
  agentName: string | null;
  cases: number;
  deescalated: number;
  unchanged: number;
  escalated: number;
  rate: number | null;
}

export interface ResponseTimeRow {
  month: string;
  level: Level | 'unknown' | 'all';
  cases: number;
  responded: number;
  withinTarget: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface CommitmentsRow {
  month: string | null;
  who: 'us' | 'customer';
  kept: number;
  missed: number;
  overdueOpen: number;
  pending: number;
  rate: number | null;
}

export interface AbuseExposureRow {
  month: string | null;
  agentId: string | null;
  agentName: string | null;
  incidents: number;
  hostile: number;
  cases: number;
  customers: number;
}

export interface ProblemsRow {
  month: string | null;
  category: string;
  cases: number;
}
