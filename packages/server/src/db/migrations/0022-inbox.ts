import { type Kysely, sql } from 'kysely';

/**
 * The inbox's own state: views (filters and a search saved under a name, one person's or shared with
 * everyone) and when each person last opened each case, for the unread marker.
 */
const STATEMENTS = [
  `CREATE TABLE saved_views (
    id text PRIMARY KEY,
    owner_id text NOT NULL REFERENCES users (id),
    name text NOT NULL,
    shared boolean NOT NULL DEFAULT false,
    filters jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX saved_views_by_owner ON saved_views (owner_id)',
  `CREATE TABLE case_reads (
    user_id text NOT NULL REFERENCES users (id),
    case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    read_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, user_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
