/**
 * The names the API, the database and the web app share, each listed once. Plain lists without zod,
 * so the web app can import them without the schemas. The engine's own names (flags, levels,
 * languages, findings, elements) live in `@calmdesk/analysis` and are re-exported here.
 */

export {
  SALUTATIONS,
  type Salutation,
  SPEAKER_FORMS,
  type SpeakerForm,
} from '@calmdesk/analysis/forms';
export { FLAGS, type Flag, LANGS, type Lang, LEVELS, type Level } from '@calmdesk/analysis/vocabulary';

export const ROLES = ['agent', 'supervisor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['email', 'phone', 'web', 'visit', 'chat', 'review'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_STATUSES = ['new', 'open', 'waiting_customer', 'waiting_us', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Whose fault the customer's problem is, as far as the case knows. */
export const FAULTS = ['unknown', 'ours', 'customer', 'third_party'] as const;
export type Fault = (typeof FAULTS)[number];

export const INTERACTION_KINDS = ['inbound', 'outbound', 'note', 'call'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/**
 * How a customer's message that an agent logs by hand reached us: a text to a phone, said in person at
 * a visit, mail to another address, a social-media message, or another way.
 */
export const MESSAGE_VIAS = ['phone_text', 'in_person', 'other_email', 'social', 'other'] as const;
export type MessageVia = (typeof MESSAGE_VIAS)[number];

/** Who rang whom on a logged phone call. */
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Where a mail CalmDesk sends stands: waiting in the outbox, taken by the SMTP server, or given up on. */
export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Why a mail server could not be used (a mailbox's IMAP, a connection test): wrong password, TLS, host
 * unreachable, timed out, folder missing, or `other` (the server's own words then say what).
 */
export const CONNECTION_PROBLEMS = ['auth', 'tls', 'unreachable', 'timeout', 'folder', 'other'] as const;
export type ConnectionProblem = (typeof CONNECTION_PROBLEMS)[number];

/** Why a received mail could not be taken into a case: no sender, not readable as a mail, or `other`. */
export const MAIL_PROBLEMS = ['no_sender', 'unreadable', 'other'] as const;
export type MailProblem = (typeof MAIL_PROBLEMS)[number];

/**
 * Why a mail CalmDesk sent was not delivered: the SMTP server could not be used (auth … timeout), it
 * refused the mail for good (5xx) or kept putting it off (4xx), a bounce came back, the mailbox has
 * no SMTP server, or `other`.
 */
export const DELIVERY_PROBLEMS = [
  'auth',
  'tls',
  'unreachable',
  'timeout',
  'refused',
  'deferred',
  'bounced',
  'no_smtp',
  'other',
] as const;
export type DeliveryProblem = (typeof DELIVERY_PROBLEMS)[number];

/** What staff are told about, in the app and (as each chooses) by e-mail. */
export const NOTIFICATION_KINDS = [
  'case_assigned',
  'customer_wrote',
  'case_escalated',
  'refund_to_approve',
  'refund_decided',
  'commitment_due_soon',
  'commitment_overdue',
  'boundary_recommended',
  'mailbox_failing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Why a case was escalated: a deadline the sweep found missed, or a person's decision. */
export const ESCALATION_REASONS = [
  'first_response_missed',
  'next_response_missed',
  'commitment_overdue',
  'manual',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const ADDRESS_FORMS = ['formal', 'informal'] as const;
export type AddressForm = (typeof ADDRESS_FORMS)[number];

/** Who made a promise. */
export const PARTIES = ['us', 'customer'] as const;
export type Party = (typeof PARTIES)[number];

/** `cancelled`: the promise no longer stands (the customer called it off, or it was agreed away); neither kept nor missed. */
export const COMMITMENT_STATUSES = ['open', 'kept', 'missed', 'cancelled'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMPENSATION_KINDS = [
  'repair',
  'replacement',
  'voucher',
  'free_session',
  'discount',
  'cash_refund',
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];
/** The kinds a business can prefer to offer before cash. */
export const PREFERABLE_COMPENSATION_KINDS = COMPENSATION_KINDS.filter(
  (kind): kind is Exclude<CompensationKind, 'cash_refund'> => kind !== 'cash_refund',
);

export const COMPENSATION_STATUSES = ['proposed', 'approved', 'rejected', 'issued'] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export const COMPENSATION_DECISIONS = ['approve', 'reject', 'issue'] as const;
export type CompensationDecision = (typeof COMPENSATION_DECISIONS)[number];

/** Difficult-client types a profile can suggest (never decided automatically). */
export const CLIENT_TYPES = [
  'impatient',
  'non_payer',
  'nitpicker',
  'abusive',
  'disengaged',
  'serial_canceller',
  'refund_seeker',
  'valued',
] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

/** The boundary ladder, mildest first. */
export const BOUNDARY_LEVELS = [
  'note',
  'warning',
  'deposit_required',
  'prepayment_required',
  'booking_blocked',
  'ended',
] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

/** The rules that recommend a boundary; a recommendation names one, and a dismissal answers one. */
export const BOUNDARY_RULES = [
  'cancellations_deposit',
  'cancellations_block',
  'abuse_warning',
  'abuse_end',
  'violence_end',
  'overdue_prepayment',
] as const;
export type BoundaryRule = (typeof BOUNDARY_RULES)[number];

export const BOUNDARY_OUTCOMES = ['confirmed', 'dismissed'] as const;
/** `active`: confirmed and in force; `expired`, `revoked`; `dismissed`: a recommendation turned down. */
export const BOUNDARY_STATES = ['active', 'expired', 'revoked', 'dismissed'] as const;

export const BOOKING_STATUSES = ['booked', 'attended', 'cancelled', 'late_cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const EVIDENCE_KINDS = [
  'interaction',
  'booking',
  'invoice',
  'commitment',
  'case',
  'incident',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const QUADRANTS = [
  'high_revenue_low_effort',
  'high_revenue_high_effort',
  'low_revenue_low_effort',
  'low_revenue_high_effort',
] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const IMPORT_KINDS = ['customers', 'bookings', 'invoices'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['csv', 'ics'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Why an import refused a row (or a calendar's event); the row error carries the values its sentence
 * needs (`value`, `limit`, `count`, `allowed`, `earlierRow`: contracts' RowErrorSchema).
 */
export const IMPORT_ROW_REASONS = [
  'required',
  'too_long',
  'nul_character',
  'not_an_email',
  'not_a_phone',
  'not_a_choice',
  'not_an_amount',
  'amount_precision',
  'amount_too_big',
  'amount_negative',
  'currency_unknown',
  'not_a_date',
  'cancelled_at_not_cancelled',
  'due_before_issued',
  'field_count',
  'id_repeated',
  'customer_missing',
  'customer_unknown',
  'repeating_event',
  'uid_missing',
  'dtstart_missing',
  'ics_time_invalid',
  'time_zone_unknown',
  'database_refused',
] as const;
export type ImportRowReason = (typeof IMPORT_ROW_REASONS)[number];

/** Stable error codes; the server maps each to an HTTP status. */
export const ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  /** A reply or a start sent to a practice session that is not in the state for it (ended, not started). */
  'training_not_active',
  /** An erasure refused while the data is needed for an open dispute (`error.holds` lists what holds it). */
  'legal_hold',
  'coaching_blocked',
  'approval_required',
  'too_many_requests',
  'payload_too_large',
  /** An `Idempotency-Key` sent again with a different request: the stored answer belongs to another body. */
  'idempotency_key_reused',
  /** An `Idempotency-Key` whose first request is still being answered. */
  'idempotency_key_in_progress',
  /** A backup file that is not whole, not CalmDesk's, or from a newer CalmDesk. */
  'backup_invalid',
  /** A restore into a data folder or database that already holds data. */
  'restore_target_not_empty',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a request was refused, finer than its code: what a person is told next to the field `path` names.
 * The schemas' own checks give the first group (derived from the check that failed); rules of the
 * server give the rest. The web app translates each into pl/et/en; `message` stays English, for logs
 * and API users.
 */
export const ERROR_REASONS = [
  // A field's schema check.
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'not_whole',
  'wrong_type',
  'invalid_format',
  'not_an_email',
  'not_a_date',
  'not_a_choice',
  'unknown_field',
  'invalid',
  // Money.
  'cash_refund_needs_amount',
  'amount_precision',
  'amount_negative',
  'amount_too_big',
  'currency_unknown',
  'currency_repeated',
  // Settings.
  'time_zone_unknown',
  'closing_before_opening',
  'date_repeated',
  'nothing_to_change',
  'resolution_before_first_response',
  'first_response_after_resolution',
  // Periods.
  'period_reversed',
  'period_too_long',
  'range_with_dates',
  // People and passwords.
  'password_too_short',
  'password_too_common',
  'password_wrong',
  'credentials_wrong',
  'email_taken',
  'user_unknown',
  // A whole import file (`columns`, `line` name what is wrong in it).
  'import_file_empty',
  'import_columns_unknown',
  'import_column_repeated',
  'import_columns_missing',
  'import_not_csv',
  'import_not_ics',
  'import_ics_not_bookings',
  'import_not_utf8',
  'import_no_file',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The shortest password CalmDesk accepts; the server also refuses the 10,000 most common ones. */
export const MIN_PASSWORD_LENGTH = 12;

/** The periods people pick most, resolved in the organisation's time zone up to today. */
export const PERIOD_RANGES = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
] as const;
export type PeriodRange = (typeof PERIOD_RANGES)[number];

/** How long one point of a trend covers: days for a month or less, weeks up to about half a year. */
export const TREND_BUCKETS = ['day', 'week', 'month'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];
