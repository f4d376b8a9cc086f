import { type Kysely, sql } from 'kysely';

/** Customer profiles: bookings, invoices, prepaid packages, boundary decisions and abuse incidents. */
const STATEMENTS = [
  `CREATE TABLE bookings (
    id text PRIMARY KEY,
    external_id text UNIQUE,
    customer_id text NOT NULL REFERENCES customers (id),
    service text,
    staff text,
    starts_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('booked', 'attended', 'cancelled', 'late_cancelled', 'no_show')),
    cancelled_at timestamptz,
    deposit_amount numeric(12, 2),
    deposit_status text NOT NULL DEFAULT 'none' CHECK (deposit_status IN ('none', 'required', 'paid', 'forfeited', 'refunded')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX bookings_by_customer ON bookings (customer_id, starts_at)',
  `CREATE TABLE invoices (
    id text PRIMARY KEY,
    external_id text UNIQUE,
    customer_id text NOT NULL REFERENCES customers (id),
    amount numeric(12, 2) NOT NULL,
    currency text NOT NULL,
    issued_at timestamptz NOT NULL,
    due_at timestamptz,
    paid_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX invoices_by_customer ON invoices (customer_id, issued_at)',
  'CREATE INDEX invoices_unpaid_due ON invoices (due_at) WHERE paid_at IS NULL',
  `CREATE TABLE prepaid_packages (
    id text PRIMARY KEY,
    external_id text UNIQUE,
    customer_id text NOT NULL REFERENCES customers (id),
    name text NOT NULL,
    sessions_bought int NOT NULL CHECK (sessions_bought >= 0),
    sessions_used int NOT NULL DEFAULT 0 CHECK (sessions_used >= 0),
    price numeric(12, 2),
    currency text,
    bought_at timestamptz NOT NULL,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX prepaid_packages_by_customer ON prepaid_packages (customer_id)',
  `CREATE TABLE boundary_decisions (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers (id),
    level text NOT NULL CHECK (level IN ('note', 'warning', 'deposit_required', 'prepayment_required', 'booking_blocked', 'ended')),
    outcome text NOT NULL CHECK (outcome IN ('confirmed', 'dismissed')),
    rule text,
    reason text NOT NULL,
    evidence jsonb NOT NULL DEFAULT '[]',
    letter text,
    decided_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    revoked_by text,
    revoke_reason text
  )`,
  'CREATE INDEX boundary_decisions_by_customer ON boundary_decisions (customer_id, created_at)',
  `CREATE TABLE abuse_incidents (
    id text PRIMARY KEY,
    interaction_id text NOT NULL UNIQUE REFERENCES interactions (id),
    case_id text NOT NULL REFERENCES cases (id),
    customer_id text NOT NULL REFERENCES customers (id),
    target_user_id text REFERENCES users (id),
    flags text[] NOT NULL,
    level text NOT NULL,
    created_at timestamptz NOT NULL
  )`,
  'CREATE INDEX abuse_incidents_by_customer ON abuse_incidents (customer_id, created_at)',
  'CREATE INDEX abuse_incidents_by_target ON abuse_incidents (target_user_id, created_at)',
  // Thresholds of the client types and the boundary ladder; null until someone changes the defaults.
  'ALTER TABLE organisation ADD COLUMN profile_rules jsonb',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
