import { type Kysely, sql } from 'kysely';

/** The case store: organisation, staff, customers, cases and their hash-chained log, promises, compensation. */
const STATEMENTS = [
  `CREATE TABLE organisation (
    id int PRIMARY KEY CHECK (id = 1),
    name text NOT NULL,
    languages jsonb NOT NULL,
    time_zone text NOT NULL,
    business_hours jsonb NOT NULL,
    response_targets jsonb NOT NULL,
    compensation_policy jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE users (
    id text PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'owner')),
    password_hash text NOT NULL,
    signature text,
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
  )`,
  `CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE TABLE api_tokens (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'owner')),
    label text,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  )`,
  `CREATE TABLE customers (
    id text PRIMARY KEY,
    external_id text UNIQUE,
    name text NOT NULL,
    emails text[] NOT NULL DEFAULT '{}',
    phones text[] NOT NULL DEFAULT '{}',
    language text,
    address_form text CHECK (address_form IN ('formal', 'informal')),
    tags text[] NOT NULL DEFAULT '{}',
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX customers_emails ON customers USING gin (emails)',
  'CREATE INDEX customers_phones ON customers USING gin (phones)',
  `CREATE TABLE cases (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers (id),
    subject text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('email', 'phone', 'web', 'visit', 'chat', 'review')),
    status text NOT NULL CHECK (status IN ('new', 'open', 'waiting_customer', 'waiting_us', 'resolved', 'closed')),
    stage text,
    fault text NOT NULL DEFAULT 'unknown' CHECK (fault IN ('unknown', 'ours', 'customer', 'third_party')),
    problems text[] NOT NULL DEFAULT '{}',
    flags text[] NOT NULL DEFAULT '{}',
    level text CHECK (level IN ('calm', 'upset', 'angry', 'hostile')),
    peak_level text CHECK (peak_level IN ('calm', 'upset', 'angry', 'hostile')),
    language text,
    assignee_id text REFERENCES users (id),
    escalated_at timestamptz,
    priority int NOT NULL DEFAULT 0,
    first_response_due_at timestamptz,
    first_responded_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  "CREATE INDEX cases_by_priority ON cases (priority DESC, COALESCE(first_response_due_at, 'infinity'), id)",
  // A status tab (resolved, waiting…) in inbox order: without it, resolved cases (priority 0) sit at the
  // end of cases_by_priority and a page of them scans every active case first (79 ms at 100,000 cases).
  "CREATE INDEX cases_by_status_priority ON cases (status, priority DESC, COALESCE(first_response_due_at, 'infinity'), id)",
  "CREATE INDEX cases_by_due ON cases (COALESCE(first_response_due_at, 'infinity'), id)",
  'CREATE INDEX cases_by_created ON cases (created_at DESC, id)',
  'CREATE INDEX cases_by_customer ON cases (customer_id)',
  'CREATE INDEX cases_open_due ON cases (first_response_due_at) WHERE first_responded_at IS NULL',
  `CREATE TABLE interactions (
    id text PRIMARY KEY,
    case_id text NOT NULL REFERENCES cases (id),
    seq int NOT NULL,
    kind text NOT NULL CHECK (kind IN ('inbound', 'outbound', 'note', 'call')),
    author_id text REFERENCES users (id),
    body text NOT NULL,
    analysis jsonb,
    coaching jsonb,
    overridden_by text REFERENCES users (id),
    created_at timestamptz NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    UNIQUE (case_id, seq)
  )`,
  // The log is evidence: the database itself refuses to change or remove an entry.
  `CREATE FUNCTION interactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'interactions are append-only';
    END
  $$`,
  `CREATE TRIGGER interactions_append_only BEFORE UPDATE OR DELETE ON interactions
    FOR EACH ROW EXECUTE FUNCTION interactions_append_only()`,
  `CREATE TABLE commitments (
    id text PRIMARY KEY,
    case_id text NOT NULL REFERENCES cases (id),
    interaction_id text REFERENCES interactions (id),
    who text NOT NULL CHECK (who IN ('us', 'customer')),
    text text NOT NULL,
    due_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'missed')),
    escalated_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX commitments_by_case ON commitments (case_id)',
  "CREATE INDEX commitments_open_due ON commitments (due_at) WHERE status = 'open'",
  `CREATE TABLE compensations (
    id text PRIMARY KEY,
    case_id text NOT NULL REFERENCES cases (id),
    kind text NOT NULL CHECK (kind IN ('repair', 'replacement', 'voucher', 'free_session', 'discount', 'cash_refund')),
    amount numeric(12, 2),
    currency text,
    statutory boolean NOT NULL DEFAULT false,
    status text NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'issued')),
    proposed_by text REFERENCES users (id),
    approver_id text REFERENCES users (id),
    decided_at timestamptz,
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX compensations_by_case ON compensations (case_id)',
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    target_type text,
    target_id text,
    details jsonb
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
