import { type Kysely, sql } from 'kysely';

/**
 * Notifications: what each staff member is told (in the app, and by e-mail for the kinds they chose),
 * each at most once (its dedupe key). Escalation now informs rather than reassigns: the case keeps its
 * assignee and records why it was escalated.
 */
const STATEMENTS = [
  `ALTER TABLE cases ADD COLUMN escalation_reason text
    CHECK (escalation_reason IN ('first_response_missed', 'commitment_overdue', 'manual'))`,
  `CREATE INDEX cases_escalated ON cases (escalated_at) WHERE escalated_at IS NOT NULL`,
  `ALTER TABLE users ADD COLUMN email_notifications text[] NOT NULL DEFAULT '{}'`,
  `CREATE TABLE notifications (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id),
    kind text NOT NULL CHECK (kind IN ('case_assigned', 'customer_wrote', 'case_escalated', 'refund_to_approve',
      'refund_decided', 'commitment_due_soon', 'commitment_overdue', 'boundary_recommended', 'mailbox_failing')),
    case_id text REFERENCES cases (id),
    title text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}',
    dedupe_key text NOT NULL,
    email_state text NOT NULL DEFAULT 'none' CHECK (email_state IN ('none', 'pending', 'queued')),
    created_at timestamptz NOT NULL,
    read_at timestamptz,
    UNIQUE (user_id, dedupe_key)
  )`,
  'CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)',
  `CREATE INDEX notifications_to_mail ON notifications (created_at) WHERE email_state = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
