import type { Analysis, Coaching, Fault, Flag, Lang, Level } from '@calmdesk/analysis';

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

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface Session {
  user: User;
  csrfToken?: string;
}

export interface CustomerRef {
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
  flags: Flag[];
  problems: string[];
  firstResponseDueAt: string | null;
  createdAt: string;
  customer: CustomerRef;
  assignee: { id: string; name: string } | null;
}

export interface Interaction {
  id: string;
  kind: InteractionKind;
  body: string;
  author: { id: string; name: string } | null;
  analysis: Analysis | null;
  coaching?: Coaching | null;
  createdAt: string;
}

export interface CommitmentRecord {
  id: string;
  who: 'us' | 'customer';
  text: string;
  dueAt: string;
  status: 'open' | 'kept' | 'missed';
}

export interface CompensationRecord {
  id: string;
  kind: CompensationKind;
  amount: number | null;
  currency: string | null;
  statutory: boolean;
  status: 'proposed' | 'approved' | 'rejected' | 'issued';
}

export interface CaseDetail extends CaseSummary {
  stage: string | null;
  fault: Fault;
  language: Lang | null;
  interactions: Interaction[];
  commitments: CommitmentRecord[];
  compensations: CompensationRecord[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
