import { type Kysely, sql } from 'kysely';

/**
 * Background jobs: every run of a recurring schedule is one row keyed by the schedule and its time
 * slot, so however many server processes share the database each slot runs once; one-off jobs have
 * neither. A claimed job holds a lease (`run_at` moved ahead, renewed while it runs), so a job whose
 * process died is taken again when the lease runs out; a failed attempt waits with backoff in `run_at`.
 */
const STATEMENTS = [
  `CREATE TABLE jobs (
    id text PRIMARY KEY,
    name text NOT NULL,
    schedule text,
    slot timestamptz,
    payload jsonb NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts int NOT NULL DEFAULT 0,
    max_attempts int NOT NULL CHECK (max_attempts > 0),
    run_at timestamptz NOT NULL,
    locked_by text,
    last_error text,
    created_at timestamptz NOT NULL,
    finished_at timestamptz,
    CHECK ((schedule IS NULL) = (slot IS NULL)),
    UNIQUE (schedule, slot)
  )`,
  `CREATE INDEX jobs_due ON jobs (run_at) WHERE state IN ('queued', 'running')`,
  'CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL',
  `CREATE INDEX jobs_one_off_failed ON jobs (finished_at DESC) WHERE schedule IS NULL AND state = 'failed'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
