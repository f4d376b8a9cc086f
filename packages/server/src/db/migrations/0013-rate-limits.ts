import { type Kysely, sql } from 'kysely';

/**
 * Request limits (the sign-in limit) counted in the database, so every server process on one database
 * counts the same attempts: three processes behind a proxy do not allow three times the tries.
 */
const STATEMENTS = [
  `CREATE TABLE rate_limits (
    key text PRIMARY KEY,
    hits int NOT NULL,
    window_ends_at timestamptz NOT NULL
  )`,
  'CREATE INDEX rate_limits_window ON rate_limits (window_ends_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
