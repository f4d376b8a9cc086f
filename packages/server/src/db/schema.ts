import type {
  BookingStatus,
  BoundaryLevel,
  CallDirection,
  CaseStatus,
  Channel,
  ClientType,
  CommitmentStatus,
  CompensationKind,
  ConnectionProblem,
  DeliveryProblem,
  DeliveryState,
  EscalationReason,
  Fault,
  InteractionKind,
  Lang,
  Level,
  MailProblem,
  MessageVia,
  NotificationKind,
  Role,
  Salutation,
  SpeakerForm,
  TrainingPractise,
  TrainingStatus,
  TrainingTurn,
} from '@calmdesk/contracts';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// The columns' value lists are the contracts' enums; schema.ts re-exports them for the server's code.
export type {
  BookingStatus,
  BoundaryLevel,
  CaseStatus,
  Channel,
  CompensationKind,
  ConnectionProblem,
  DeliveryProblem,
  DeliveryState,
  EscalationReason,
  Fault,
  InteractionKind,
  Level,
  MailProblem,
  NotificationKind,
  Role,
};

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** JSON columns are written as JSON text and read back parsed. */
type Json<T> = ColumnType<T, string, string>;
/**
 * A bigint count of a currency's minor unit (the contracts' money-units.ts): PGlite reads it as a number, pg as text,
 * so it is read through `minorFrom`.
 */
type Minor = ColumnType<number | string, number, number>;
/** An active ISO 4217 code (the `currency_code` domain checks it). */
type CurrencyCode = string;

export interface ResponseTargets {
  calm: number;
  upset: number;
  angry: number;
  hostile: number;
}

export interface CompensationPolicySettings {
  /** Kinds offered before cash, in order of preference. */
  prefer: Array<'repair' | 'replacement' | 'voucher' | 'free_session' | 'discount'>;
  /** A cash refund above this amount needs a supervisor's approval. */
  cashRefundLimit: number;
  currency: string;
}

export interface BusinessHours {
  /** ISO weekday 1 (Monday) … 7 (Sunday) → [open, close] as "HH:MM", or absent when closed. */
  days: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string]>>;
}

export interface OrganisationTable {
  id: ColumnType<number, number, never>;
  name: string;
  languages: Json<string[]>;
  time_zone: string;
  business_hours: Json<BusinessHours>;
  /** Business minutes to the first response, per anger level of the customer's message. */
  response_targets: Json<ResponseTargets>;
  /** Business minutes to the next response when the customer writes again after ours; null = the defaults. */
  next_response_targets: ColumnType<ResponseTargets | null, string | null | undefined, string | null>;
  /** Business minutes from opening to resolution, per the case's highest level; null = the defaults. */
  resolution_targets: ColumnType<ResponseTargets | null, string | null | undefined, string | null>;
  /** Closed dates: `[{date: 'YYYY-MM-DD', name?}]`. */
  holidays: ColumnType<Array<{ date: string; name?: string }>, string | undefined, string>;
  compensation_policy: Json<CompensationPolicySettings>;
  /** Client-type thresholds and the boundary ladder (profiles/profile-rules.ts); null = the defaults. */
  profile_rules: ColumnType<unknown | null, string | null | undefined, string | null>;
  /** Months after a customer's last activity when their closed cases are erased; null = never (off). */
  retention_months: ColumnType<number | null, number | null | undefined, number | null>;
  /** When the retention period was last set: the retention job waits a week after it. */
  retention_set_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: Timestamp;
  /** Moved on by the database at every UPDATE: what an unlocked writer checks before it writes. */
  version: Generated<number>;
}

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
  signature: string | null;
  /** The notification kinds this person also gets by e-mail. */
  email_notifications: Generated<NotificationKind[]>;
  created_at: CreatedAt;
  disabled_at: Timestamp | null;
  /** How the person speaks of themselves in Polish ("czułbym"/"czułabym"); null: not said. */
  grammatical_gender: ColumnType<SpeakerForm | null, SpeakerForm | null | undefined, SpeakerForm | null>;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a stolen database dump holds no usable session. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  /** sha256 of the token; the token itself is shown once. */
  token_hash: string;
  role: Role;
  label: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  id: string;
  external_id: string | null;
  name: string;
  emails: string[];
  phones: string[];
  language: string | null;
  address_form: 'formal' | 'informal' | null;
  /** How the customer likes to be addressed (Pan, Pani, by first name); null: not known. */
  salutation: ColumnType<Salutation | null, Salutation | null | undefined, Salutation | null>;
  tags: string[];
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** When the person's data was erased (GDPR Art. 17): the row stays, holding nothing personal. */
  erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CasesTable {
  id: string;
  customer_id: string;
  subject: string;
  channel: Channel;
  status: CaseStatus;
  stage: string | null;
  fault: Generated<Fault>;
  /** Distinct problem categories raised over the case. */
  problems: Generated<string[]>;
  /** Flags of every inbound message so far. */
  flags: Generated<string[]>;
  /** Anger level of the latest inbound message. */
  level: Level | null;
  /** Highest level seen on the case. */
  peak_level: Level | null;
  language: string | null;
  assignee_id: string | null;
  escalated_at: Timestamp | null;
  escalation_reason: EscalationReason | null;
  priority: Generated<number>;
  /** When the first response is due, counted in business hours. */
  first_response_due_at: Timestamp | null;
  first_responded_at: Timestamp | null;
  /** When the reply to the customer's latest message is due, once we had answered; cleared by our reply. */
  next_response_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The sweep escalated the running next-response deadline (once per deadline). */
  next_response_escalated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Since when the running deadline is paused: the case waits on the customer. */
  sla_paused_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Business minutes the paused deadline had left; set exactly when sla_paused_at is. */
  sla_remaining_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The seq of the newest log entry (0: none yet): where the next append chains, not evidence. */
  last_seq: Generated<number>;
  /** The hash of the newest log entry (the genesis hash: none yet). */
  last_hash: Generated<string>;
  /** What the first entry chains to: the genesis hash, or the old chain's head for a log from before 0016. */
  chain_origin: Generated<string>;
  /** Moved on by the database at every UPDATE: what an unlocked writer checks before it writes. */
  version: Generated<number>;
}

export interface InteractionsTable {
  id: string;
  case_id: string;
  /** 1, 2, 3 … per case; unique, so two writers can never both append entry N. */
  seq: number;
  kind: InteractionKind;
  author_id: string | null;
  /** The text as written, or ERASED_BODY once erased on request (erased_at). */
  body: string;
  analysis: Json<unknown> | null;
  coaching: Json<unknown> | null;
  overridden_by: string | null;
  created_at: Timestamp;
  prev_hash: string;
  hash: string;
  /** SHA-256 of the body as written: the chain covers this, so the body can be erased. */
  body_digest: string;
  /** SHA-256 of the analysis as canonical JSON (cases/chain.ts), null without one. */
  analysis_digest: string | null;
  coaching_digest: string | null;
  /** SHA-256 over the attachments of the mail the entry came from (cases/chain.ts), null without any. */
  attachments_digest: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the stored parts were erased on request (eraseEntryParts); the digests stay. */
  erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** How a customer's message logged by hand reached us (a text, a visit …); null otherwise. */
  via: ColumnType<MessageVia | null, MessageVia | null | undefined, MessageVia | null>;
  /** A logged phone call: who rang whom, and for how many minutes. */
  call_direction: ColumnType<CallDirection | null, CallDirection | null | undefined, CallDirection | null>;
  call_minutes: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CommitmentsTable {
  id: string;
  case_id: string;
  interaction_id: string | null;
  who: 'us' | 'customer';
  text: string;
  due_at: Timestamp;
  status: Generated<CommitmentStatus>;
  escalated_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CompensationsTable {
  id: string;
  case_id: string;
  kind: CompensationKind;
  /** Set together with `currency`, or neither. */
  amount_minor: Minor | null;
  currency: CurrencyCode | null;
  statutory: Generated<boolean>;
  status: 'proposed' | 'approved' | 'rejected' | 'issued';
  proposed_by: string | null;
  approver_id: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  /** A bigserial: PGlite reads it as a number, pg as text. */
  id: Generated<string | number>;
  at: CreatedAt;
  /** A user id, `token:<id>` or `cli`. */
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>> | null;
  /** The organisation whose chains the entry is in (CalmDesk has one: 1). */
  org_id: Generated<number>;
  /** Which of the organisation's audit chains, by the entry's target; set by the database (migration 0016). */
  shard: Generated<number>;
  /** 1, 2, 3 … per chain, set by the database (migration 0016), as are the hashes. */
  seq: Generated<number>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

/** Where each of an organisation's audit chains ends; moved by the database's audit trigger alone. */
export interface AuditHeadsTable {
  org_id: number;
  shard: number;
  last_seq: number;
  last_hash: string;
}

export interface BookingsTable {
  id: string;
  external_id: string | null;
  customer_id: string;
  service: string | null;
  staff: string | null;
  starts_at: Timestamp;
  status: BookingStatus;
  cancelled_at: Timestamp | null;
  /** Set together with `deposit_currency`, or neither. */
  deposit_minor: Minor | null;
  deposit_currency: CurrencyCode | null;
  deposit_status: Generated<'none' | 'required' | 'paid' | 'forfeited' | 'refunded'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InvoicesTable {
  id: string;
  external_id: string | null;
  customer_id: string;
  amount_minor: Minor;
  currency: CurrencyCode;
  issued_at: Timestamp;
  due_at: Timestamp | null;
  paid_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PrepaidPackagesTable {
  id: string;
  external_id: string | null;
  customer_id: string;
  name: string;
  sessions_bought: number;
  sessions_used: Generated<number>;
  /** Set together with `currency`, or neither. */
  price_minor: Minor | null;
  currency: CurrencyCode | null;
  bought_at: Timestamp;
  expires_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface BoundaryDecisionsTable {
  id: string;
  customer_id: string;
  level: BoundaryLevel;
  /** A person confirmed the level, or dismissed the rule's recommendation (GDPR Art. 22: people decide). */
  outcome: 'confirmed' | 'dismissed';
  /** The recommending rule, when the decision answers one. */
  rule: string | null;
  reason: string;
  evidence: ColumnType<unknown[], string | undefined, string>;
  letter: string | null;
  decided_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface AbuseIncidentsTable {
  id: string;
  interaction_id: string;
  case_id: string;
  customer_id: string;
  /** The staff member the abuse reached: the case's assignee when it arrived. */
  target_user_id: string | null;
  flags: string[];
  level: string;
  created_at: Timestamp;
}

/** A bigint column: read as a number (PGlite) or text (pg). */
type BigId = ColumnType<string | number, number | string | bigint, number | string | bigint>;

export interface MailboxesTable {
  id: string;
  address: string;
  /** The IMAP URL without its password (safe to show). */
  imap_url: string;
  /** Stored as given: the IMAP server needs it in clear text. */
  imap_password: string;
  smtp_url: string | null;
  smtp_password: string | null;
  /** The HMAC key of this mailbox's signed reply addresses and Message-IDs. */
  reply_secret: string;
  /** Whether a new case opened by mail gets an automatic acknowledgement. */
  acknowledge: Generated<boolean>;
  status: Generated<'ok' | 'error'>;
  /** The last failure in English (logs, the API's `lastError`). */
  last_error: string | null;
  /** Its kind, said in the reader's language; null on failures from before the codes. */
  last_problem: ConnectionProblem | null;
  /** The IMAP server's or the system's own words about it, if any. */
  last_detail: string | null;
  last_sync_at: Timestamp | null;
  uid_validity: BigId | null;
  /** The highest UID taken under uid_validity: where the next poll starts (duplicates are refused anyway). */
  last_uid: ColumnType<string | number, string | number | undefined, string | number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type MailState = 'received' | 'processed' | 'ignored' | 'failed';
export type MailKind = 'mail' | 'auto_reply' | 'bounce';

export interface MailMessagesTable {
  id: string;
  mailbox_id: string;
  uid_validity: BigId;
  uid: BigId;
  message_id: string | null;
  raw: Uint8Array;
  size: number;
  state: Generated<MailState>;
  kind: MailKind | null;
  /** Why it failed, or why it opened no case (English). */
  reason: string | null;
  /** Why it failed, as a code; null unless failed. */
  problem: MailProblem | null;
  /** The parser's or the database's own words about the failure, if any. */
  detail: string | null;
  attempts: Generated<number>;
  from_address: string | null;
  subject: string | null;
  case_id: string | null;
  interaction_id: string | null;
  /** A bounce: the outbound interaction it reports as undelivered. */
  bounced_interaction_id: string | null;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
}

export interface MailAttachmentsTable {
  id: string;
  message_id: string;
  filename: string | null;
  content_type: string;
  disposition: string | null;
  content_id: string | null;
  size: number;
  /** Null when over the size limit (see `note`). */
  content: Uint8Array | null;
  note: string | null;
}

export type OutboxKind = 'reply' | 'acknowledgement' | 'letter' | 'notification';

export interface MailOutboxTable {
  id: string;
  mailbox_id: string;
  case_id: string | null;
  /** The outbound interaction this mail carries (a reply or a letter logged on the case). */
  interaction_id: string | null;
  /** A boundary letter: the decision it announces. */
  boundary_decision_id: string | null;
  kind: OutboxKind;
  to_address: string;
  subject: string;
  /** The plain text as sent, signature included; the HTML alternative is made from it. */
  body: string;
  /** Without angle brackets; fixed when the row is written. */
  message_id: string;
  in_reply_to: string | null;
  references: Generated<string[]>;
  /** RFC 3834: set on mail no person wrote (acknowledgements, notifications). */
  auto_submitted: Generated<boolean>;
  state: Generated<DeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** Why the last attempt failed, or the bounce, in English. */
  last_error: string | null;
  last_problem: DeliveryProblem | null;
  /** The SMTP server's or the bounce's own words, if any. */
  last_detail: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  case_id: string | null;
  /** What it is about, as it was then: a case's subject, a mailbox's address. */
  title: string;
  details: Json<Record<string, string | number | null>>;
  /** One notification per user and key: a sweep that runs twice tells nobody twice. */
  dedupe_key: string;
  /** `pending`: the person wants this kind by e-mail and it is not queued yet. */
  email_state: Generated<'none' | 'pending' | 'queued'>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface RateLimitsTable {
  /** The route and the client's address. */
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

/** A paying customer's place among those paying in one currency, as of the last ranking. */
export interface RevenueRanksTable {
  customer_id: string;
  currency: string;
  /** Paid in the ranking's window, in minor units of `currency`. */
  revenue_minor: Minor;
  /** 1 = the highest. */
  rank: number;
}

export interface RevenueRankTotalsTable {
  currency: string;
  paying_customers: number;
  total_minor: Minor;
}

/** One row: how many statements changed invoices, and which of them the ranking has seen. */
export interface RevenueRankStateTable {
  id: number;
  invoices_version: ColumnType<number | string, number, number>;
  ranked_version: ColumnType<number | string | null, number | null, number | string | null>;
  ranked_at: Timestamp | null;
  window_days: number | null;
  /** How many customer-currency places the last ranking kept: small rankings are redone on the spot. */
  ranked_customers: number | null;
}

/** Each case's searchable text, folded, in parts; kept by the database's triggers (migration 0021), never written by code. */
export interface CaseSearchTable {
  case_id: string;
  /** 0: the subject and the customer; n: log entry n. */
  part: number;
  doc: string;
}

/** The inbox's filters and search saved under a name (migration 0022). */
export interface SavedViewsTable {
  id: string;
  owner_id: string;
  name: string;
  shared: Generated<boolean>;
  filters: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

/** When a staff member last opened a case: the inbox marks it unread when the customer wrote since. */
export interface CaseReadsTable {
  user_id: string;
  case_id: string;
  read_at: Date;
}

export interface IdempotencyKeysTable {
  /** Who sent the key (`user:<id>`, `token:<id>`, `cli`): one client's keys never meet another's. */
  actor: string;
  key: string;
  /** The method and the route's pattern, e.g. `POST /api/cases/:id/interactions`. */
  operation: string;
  /** sha256 of the path and the body: the same key with another request is refused. */
  request_hash: string;
  /** Null while the first request is being answered. */
  status: number | null;
  /** The answer's body as sent. */
  response: string | null;
  created_at: Timestamp;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  /** The handler that runs it. */
  name: string;
  /** The recurring schedule this run belongs to, with its time slot; both null for a one-off job. */
  schedule: string | null;
  slot: Timestamp | null;
  payload: Json<Record<string, unknown>>;
  state: Generated<JobState>;
  attempts: Generated<number>;
  max_attempts: number;
  /** When it may run next: the retry's time while queued, the end of its lease while running. */
  run_at: Timestamp;
  /** The process that holds it or ran it last (host:pid). */
  locked_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface TrainingSessionsTable {
  id: string;
  user_id: string;
  /** The supervisor or owner who assigned it; null when the person started it themselves. */
  assigned_by: string | null;
  scenario_id: string;
  /** The scenario's title and persona as they were, so the history reads the same after a file changes. */
  scenario_title: string;
  language: Lang;
  persona: ClientType;
  status: TrainingStatus;
  /** The scenario state whose message waits for a reply; set while active only. */
  state: string | null;
  anger: number;
  turns: Json<TrainingTurn[]>;
  score: number | null;
  practise: Json<TrainingPractise[]>;
  created_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

/** A saved reply: shared by the team (no owner) or one agent's own. */
export interface CannedRepliesTable {
  id: string;
  lang: Lang;
  title: string;
  body: string;
  owner_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface Database {
  organisation: OrganisationTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  cases: CasesTable;
  interactions: InteractionsTable;
  commitments: CommitmentsTable;
  compensations: CompensationsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  bookings: BookingsTable;
  invoices: InvoicesTable;
  prepaid_packages: PrepaidPackagesTable;
  boundary_decisions: BoundaryDecisionsTable;
  abuse_incidents: AbuseIncidentsTable;
  mailboxes: MailboxesTable;
  mail_messages: MailMessagesTable;
  mail_attachments: MailAttachmentsTable;
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  training_sessions: TrainingSessionsTable;
  idempotency_keys: IdempotencyKeysTable;
  canned_replies: CannedRepliesTable;
  revenue_ranks: RevenueRanksTable;
  revenue_rank_totals: RevenueRankTotalsTable;
  revenue_rank_state: RevenueRankStateTable;
  case_search: CaseSearchTable;
  saved_views: SavedViewsTable;
  case_reads: CaseReadsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type CaseRow = Selectable<CasesTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type NewInteraction = Insertable<InteractionsTable>;
export type CommitmentRow = Selectable<CommitmentsTable>;
export type CompensationRow = Selectable<CompensationsTable>;
