import { type Kysely, sql } from 'kysely';

/**
 * Work logged by hand on a case: a customer's message says how it reached us (`via`), a phone call who
 * rang whom and for how long. A promise may also be called off (`cancelled`): neither kept nor missed.
 * Adding columns fires no UPDATE trigger, so the append-only log is not touched.
 */
const STATEMENTS = [
  `ALTER TABLE interactions
    ADD COLUMN via text CHECK (via IN ('phone_text', 'in_person', 'other_email', 'social', 'other')),
    ADD COLUMN call_direction text CHECK (call_direction IN ('inbound', 'outbound')),
    ADD COLUMN call_minutes integer CHECK (call_minutes BETWEEN 0 AND 1440)`,
  'ALTER TABLE commitments DROP CONSTRAINT commitments_status_check',
  `ALTER TABLE commitments ADD CONSTRAINT commitments_status_check
    CHECK (status IN ('open', 'kept', 'missed', 'cancelled'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
