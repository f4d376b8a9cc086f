import { type Kysely, sql } from 'kysely';

/**
 * Service levels in business time: holidays and next-response targets on the organisation; on each case
 * the next-response deadline and a pause while the case waits on the customer (the business minutes
 * left, so the clock goes on where it stopped). The sweep finds what is due through partial indexes
 * holding only the running deadlines; their predicates use no parameters, so a prepared statement's
 * generic plan can use them.
 */
const STATEMENTS = [
  `ALTER TABLE organisation
    ADD COLUMN holidays jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN next_response_targets jsonb`,
  `ALTER TABLE cases
    ADD COLUMN next_response_due_at timestamptz,
    ADD COLUMN next_response_escalated_at timestamptz,
    ADD COLUMN sla_paused_at timestamptz,
    ADD COLUMN sla_remaining_minutes integer CHECK (sla_remaining_minutes >= 0),
    ADD CONSTRAINT cases_sla_pause CHECK ((sla_paused_at IS NULL) = (sla_remaining_minutes IS NULL))`,
  'ALTER TABLE cases DROP CONSTRAINT cases_escalation_reason_check',
  `ALTER TABLE cases ADD CONSTRAINT cases_escalation_reason_check
    CHECK (escalation_reason IN ('first_response_missed', 'next_response_missed', 'commitment_overdue', 'manual'))`,
  `CREATE INDEX cases_first_response_running ON cases (first_response_due_at)
    WHERE first_responded_at IS NULL AND escalated_at IS NULL AND sla_paused_at IS NULL
      AND status NOT IN ('resolved', 'closed')`,
  `CREATE INDEX cases_next_response_running ON cases (next_response_due_at)
    WHERE next_response_due_at IS NOT NULL AND next_response_escalated_at IS NULL AND sla_paused_at IS NULL`,
  'CREATE INDEX cases_next_response_due ON cases (next_response_due_at) WHERE next_response_due_at IS NOT NULL',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
