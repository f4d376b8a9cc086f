import { type InsertType, type SelectType, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DATABASES } from '../testing/test-app.ts';
import type { OpenDatabase } from './database.ts';
import type { Database } from './schema.ts';

/** The column families the database has, as this test names them. */
type Family = 'int' | 'bigint' | 'text' | 'text[]' | 'boolean' | 'timestamptz' | 'jsonb' | 'bytea';

type Bare<T> = Exclude<T, null | undefined>;
/**
 * The family a column's Kysely type stands for: JSON columns are written as text and read parsed;
 * bigints read as a number (PGlite) or text (pg).
 */
type FamilyOf<Column> = [Bare<SelectType<Column>>] extends [Date]
  ? 'timestamptz'
  : [Bare<SelectType<Column>>] extends [Uint8Array]
    ? 'bytea'
    : [Bare<SelectType<Column>>] extends [boolean]
      ? 'boolean'
      : [Bare<SelectType<Column>>] extends [string]
        ? 'text'
        : [Bare<InsertType<Column>>] extends [string]
          ? 'jsonb'
          : [Bare<SelectType<Column>>] extends [string[]]
            ? 'text[]'
            : [Bare<SelectType<Column>>] extends [number]
              ? 'int'
              : [Bare<SelectType<Column>>] extends [number | string]
                ? 'bigint'
                : never;
type NullableOf<Column> = null extends SelectType<Column> ? true : false;

/**
 * Every table and column of schema.ts with the family and nullability its type implies: the compiler
 * holds this map to schema.ts (a column missing, extra, of another family or nullability fails to
 * type-check), and the test below holds it to the migrated database.
 */
type Shape = {
  [Table in keyof Database]: {
    [Column in keyof Database[Table]]-?: readonly [
      FamilyOf<Database[Table][Column]>,
      NullableOf<Database[Table][Column]>,
    ];
  };
};

const EXPECTED: Shape = {
  organisation: {
    id: ['int', false],
    name: ['text', false],
    languages: ['jsonb', false],
    time_zone: ['text', false],
    business_hours: ['jsonb', false],
    response_targets: ['jsonb', false],
    next_response_targets: ['jsonb', true],
    resolution_targets: ['jsonb', true],
    holidays: ['jsonb', false],
    compensation_policy: ['jsonb', false],
    profile_rules: ['jsonb', true],
    retention_months: ['int', true],
    retention_set_at: ['timestamptz', true],
    updated_at: ['timestamptz', false],
    version: ['int', false],
  },
  users: {
    id: ['text', false],
    name: ['text', false],
    email: ['text', false],
    role: ['text', false],
    password_hash: ['text', false],
    signature: ['text', true],
    email_notifications: ['text[]', false],
    created_at: ['timestamptz', false],
    disabled_at: ['timestamptz', true],
    grammatical_gender: ['text', true],
  },
  sessions: {
    id: ['text', false],
    user_id: ['text', false],
    csrf_token: ['text', false],
    created_at: ['timestamptz', false],
    expires_at: ['timestamptz', false],
  },
  api_tokens: {
    id: ['text', false],
    token_hash: ['text', false],
    role: ['text', false],
    label: ['text', true],
    created_at: ['timestamptz', false],
    revoked_at: ['timestamptz', true],
  },
  customers: {
    id: ['text', false],
    external_id: ['text', true],
    name: ['text', false],
    emails: ['text[]', false],
    phones: ['text[]', false],
    language: ['text', true],
    address_form: ['text', true],
    salutation: ['text', true],
    tags: ['text[]', false],
    notes: ['text', true],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
    erased_at: ['timestamptz', true],
  },
  cases: {
    id: ['text', false],
    customer_id: ['text', false],
    subject: ['text', false],
    channel: ['text', false],
    status: ['text', false],
    stage: ['text', true],
    fault: ['text', false],
    problems: ['text[]', false],
    flags: ['text[]', false],
    level: ['text', true],
    peak_level: ['text', true],
    language: ['text', true],
    assignee_id: ['text', true],
    escalated_at: ['timestamptz', true],
    escalation_reason: ['text', true],
    priority: ['int', false],
    first_response_due_at: ['timestamptz', true],
    first_responded_at: ['timestamptz', true],
    next_response_due_at: ['timestamptz', true],
    next_response_escalated_at: ['timestamptz', true],
    sla_paused_at: ['timestamptz', true],
    sla_remaining_minutes: ['int', true],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
    last_seq: ['int', false],
    last_hash: ['text', false],
    chain_origin: ['text', false],
    version: ['int', false],
  },
  interactions: {
    id: ['text', false],
    case_id: ['text', false],
    seq: ['int', false],
    kind: ['text', false],
    author_id: ['text', true],
    body: ['text', false],
    analysis: ['jsonb', true],
    coaching: ['jsonb', true],
    overridden_by: ['text', true],
    created_at: ['timestamptz', false],
    prev_hash: ['text', false],
    hash: ['text', false],
    body_digest: ['text', false],
    analysis_digest: ['text', true],
    coaching_digest: ['text', true],
    attachments_digest: ['text', true],
    erased_at: ['timestamptz', true],
    via: ['text', true],
    call_direction: ['text', true],
    call_minutes: ['int', true],
  },
  commitments: {
    id: ['text', false],
    case_id: ['text', false],
    interaction_id: ['text', true],
    who: ['text', false],
    text: ['text', false],
    due_at: ['timestamptz', false],
    status: ['text', false],
    escalated_at: ['timestamptz', true],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
  },
  compensations: {
    id: ['text', false],
    case_id: ['text', false],
    kind: ['text', false],
    amount_minor: ['bigint', true],
    currency: ['text', true],
    statutory: ['boolean', false],
    status: ['text', false],
    proposed_by: ['text', true],
    approver_id: ['text', true],
    decided_at: ['timestamptz', true],
    note: ['text', true],
    created_at: ['timestamptz', false],
  },
  audit_log: {
    id: ['bigint', false],
    at: ['timestamptz', false],
    actor: ['text', false],
    action: ['text', false],
    target_type: ['text', true],
    target_id: ['text', true],
    details: ['jsonb', true],
    org_id: ['int', false],
    shard: ['int', false],
    seq: ['int', false],
    prev_hash: ['text', false],
    hash: ['text', false],
  },
  audit_heads: {
    org_id: ['int', false],
    shard: ['int', false],
    last_seq: ['int', false],
    last_hash: ['text', false],
  },
  bookings: {
    id: ['text', false],
    external_id: ['text', true],
    customer_id: ['text', false],
    service: ['text', true],
    staff: ['text', true],
    starts_at: ['timestamptz', false],
    status: ['text', false],
    cancelled_at: ['timestamptz', true],
    deposit_minor: ['bigint', true],
    deposit_currency: ['text', true],
    deposit_status: ['text', false],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
  },
  invoices: {
    id: ['text', false],
    external_id: ['text', true],
    customer_id: ['text', false],
    amount_minor: ['bigint', false],
    currency: ['text', false],
    issued_at: ['timestamptz', false],
    due_at: ['timestamptz', true],
    paid_at: ['timestamptz', true],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
  },
  prepaid_packages: {
    id: ['text', false],
    external_id: ['text', true],
    customer_id: ['text', false],
    name: ['text', false],
    sessions_bought: ['int', false],
    sessions_used: ['int', false],
    price_minor: ['bigint', true],
    currency: ['text', true],
    bought_at: ['timestamptz', false],
    expires_at: ['timestamptz', true],
    created_at: ['timestamptz', false],
  },
  boundary_decisions: {
    id: ['text', false],
    customer_id: ['text', false],
    level: ['text', false],
    outcome: ['text', false],
    rule: ['text', true],
    reason: ['text', false],
    evidence: ['jsonb', false],
    letter: ['text', true],
    decided_by: ['text', false],
    created_at: ['timestamptz', false],
    expires_at: ['timestamptz', true],
    revoked_at: ['timestamptz', true],
    revoked_by: ['text', true],
    revoke_reason: ['text', true],
  },
  abuse_incidents: {
    id: ['text', false],
    interaction_id: ['text', false],
    case_id: ['text', false],
    customer_id: ['text', false],
    target_user_id: ['text', true],
    flags: ['text[]', false],
    level: ['text', false],
    created_at: ['timestamptz', false],
  },
  mailboxes: {
    id: ['text', false],
    address: ['text', false],
    imap_url: ['text', false],
    imap_password: ['text', false],
    smtp_url: ['text', true],
    smtp_password: ['text', true],
    reply_secret: ['text', false],
    acknowledge: ['boolean', false],
    status: ['text', false],
    last_error: ['text', true],
    last_problem: ['text', true],
    last_detail: ['text', true],
    last_sync_at: ['timestamptz', true],
    uid_validity: ['bigint', true],
    last_uid: ['bigint', false],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
  },
  mail_messages: {
    id: ['text', false],
    mailbox_id: ['text', false],
    uid_validity: ['bigint', false],
    uid: ['bigint', false],
    message_id: ['text', true],
    raw: ['bytea', false],
    size: ['int', false],
    state: ['text', false],
    kind: ['text', true],
    reason: ['text', true],
    problem: ['text', true],
    detail: ['text', true],
    attempts: ['int', false],
    from_address: ['text', true],
    subject: ['text', true],
    case_id: ['text', true],
    interaction_id: ['text', true],
    bounced_interaction_id: ['text', true],
    received_at: ['timestamptz', false],
    processed_at: ['timestamptz', true],
  },
  mail_attachments: {
    id: ['text', false],
    message_id: ['text', false],
    filename: ['text', true],
    content_type: ['text', false],
    disposition: ['text', true],
    content_id: ['text', true],
    size: ['int', false],
    content: ['bytea', true],
    note: ['text', true],
  },
  mail_outbox: {
    id: ['text', false],
    mailbox_id: ['text', false],
    case_id: ['text', true],
    interaction_id: ['text', true],
    boundary_decision_id: ['text', true],
    kind: ['text', false],
    to_address: ['text', false],
    subject: ['text', false],
    body: ['text', false],
    message_id: ['text', false],
    in_reply_to: ['text', true],
    references: ['text[]', false],
    auto_submitted: ['boolean', false],
    state: ['text', false],
    attempts: ['int', false],
    next_attempt_at: ['timestamptz', false],
    last_error: ['text', true],
    last_problem: ['text', true],
    last_detail: ['text', true],
    created_at: ['timestamptz', false],
    sent_at: ['timestamptz', true],
  },
  notifications: {
    id: ['text', false],
    user_id: ['text', false],
    kind: ['text', false],
    case_id: ['text', true],
    title: ['text', false],
    details: ['jsonb', false],
    dedupe_key: ['text', false],
    email_state: ['text', false],
    created_at: ['timestamptz', false],
    read_at: ['timestamptz', true],
  },
  rate_limits: {
    key: ['text', false],
    hits: ['int', false],
    window_ends_at: ['timestamptz', false],
  },
  jobs: {
    id: ['text', false],
    name: ['text', false],
    schedule: ['text', true],
    slot: ['timestamptz', true],
    payload: ['jsonb', false],
    state: ['text', false],
    attempts: ['int', false],
    max_attempts: ['int', false],
    run_at: ['timestamptz', false],
    locked_by: ['text', true],
    last_error: ['text', true],
    created_at: ['timestamptz', false],
    finished_at: ['timestamptz', true],
  },
  training_sessions: {
    id: ['text', false],
    user_id: ['text', false],
    assigned_by: ['text', true],
    scenario_id: ['text', false],
    scenario_title: ['text', false],
    language: ['text', false],
    persona: ['text', false],
    status: ['text', false],
    state: ['text', true],
    anger: ['int', false],
    turns: ['jsonb', false],
    score: ['int', true],
    practise: ['jsonb', false],
    created_at: ['timestamptz', false],
    started_at: ['timestamptz', true],
    ended_at: ['timestamptz', true],
  },
  idempotency_keys: {
    actor: ['text', false],
    key: ['text', false],
    operation: ['text', false],
    request_hash: ['text', false],
    status: ['int', true],
    response: ['text', true],
    created_at: ['timestamptz', false],
  },
  canned_replies: {
    id: ['text', false],
    lang: ['text', false],
    title: ['text', false],
    body: ['text', false],
    owner_id: ['text', true],
    created_by: ['text', true],
    created_at: ['timestamptz', false],
    updated_at: ['timestamptz', false],
  },
  revenue_ranks: {
    customer_id: ['text', false],
    currency: ['text', false],
    revenue_minor: ['bigint', false],
    rank: ['int', false],
  },
  revenue_rank_totals: {
    currency: ['text', false],
    paying_customers: ['int', false],
    total_minor: ['bigint', false],
  },
  revenue_rank_state: {
    id: ['int', false],
    invoices_version: ['bigint', false],
    ranked_version: ['bigint', true],
    ranked_at: ['timestamptz', true],
    window_days: ['int', true],
    ranked_customers: ['int', true],
  },
  case_search: {
    case_id: ['text', false],
    part: ['int', false],
    doc: ['text', false],
  },
  saved_views: {
    id: ['text', false],
    owner_id: ['text', false],
    name: ['text', false],
    shared: ['boolean', false],
    filters: ['jsonb', false],
    created_at: ['timestamptz', false],
  },
  case_reads: {
    user_id: ['text', false],
    case_id: ['text', false],
    read_at: ['timestamptz', false],
  },
};

const FAMILY: Record<string, Family> = {
  integer: 'int',
  bigint: 'bigint',
  text: 'text',
  _text: 'text[]',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamptz',
  jsonb: 'jsonb',
  bytea: 'bytea',
};

describe.each(TEST_DATABASES)('schema.ts against the migrated database on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('has every table and column the migrations make, each of the same family and nullability', async () => {
    const { rows } = await sql<{
      table_name: string;
      column_name: string;
      type: string;
      is_nullable: string;
    }>`
      SELECT table_name, column_name, is_nullable,
        CASE WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END AS type
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely_%'
      ORDER BY table_name, column_name`.execute(database.db);
    const actual: Record<string, Record<string, readonly [string, boolean]>> = {};
    for (const r of rows) {
      actual[r.table_name] ??= {};
      actual[r.table_name]![r.column_name] = [FAMILY[r.type] ?? r.type, r.is_nullable === 'YES'];
    }
    expect(actual).toEqual(EXPECTED);
  });

  it('indexes the audit log by target, newest first', async () => {
    const { rows } = await sql<{ indexdef: string }>`
      SELECT indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'audit_log' AND indexname = 'audit_log_by_target'`.execute(
      database.db,
    );
    expect(rows.map((r) => r.indexdef)).toEqual([expect.stringMatching(/\(target_id, id DESC\)$/)]);
  });
});
