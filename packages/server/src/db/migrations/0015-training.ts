import { type Kysely, sql } from 'kysely';

/**
 * Training: staff practise on scripted difficult customers (training/scenarios/) and are scored by the
 * reply coach. One row a practice session; its turns (the customer's message, the reply, its coaching)
 * are kept as they were, so a history stays readable when a scenario file is later rewritten.
 */
const STATEMENTS = [
  `CREATE TABLE training_sessions (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id),
    assigned_by text REFERENCES users (id),
    scenario_id text NOT NULL,
    scenario_title text NOT NULL,
    language text NOT NULL CHECK (language IN ('pl', 'et', 'en')),
    persona text NOT NULL,
    status text NOT NULL CHECK (status IN ('assigned', 'active', 'resolved', 'escalated', 'lost')),
    state text,
    anger integer NOT NULL CHECK (anger BETWEEN 0 AND 5),
    turns jsonb NOT NULL DEFAULT '[]',
    score integer CHECK (score BETWEEN 0 AND 100),
    practise jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL,
    started_at timestamptz,
    ended_at timestamptz,
    CHECK ((status = 'active') = (state IS NOT NULL)),
    CHECK ((status IN ('resolved', 'escalated', 'lost')) = (ended_at IS NOT NULL AND score IS NOT NULL))
  )`,
  'CREATE INDEX training_sessions_user ON training_sessions (user_id, created_at DESC)',
  'CREATE INDEX training_sessions_created ON training_sessions (created_at DESC)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
