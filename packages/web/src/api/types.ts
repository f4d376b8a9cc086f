import type { Analysis, Coaching, Fault, Flag, Lang, Level } from '@calmdesk/analysis';

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
