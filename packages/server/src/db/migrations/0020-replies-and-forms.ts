import { type Kysely, sql } from 'kysely';

/**
 * Saved replies (shared by the team, or one agent's own), the agent's grammatical gender and the
 * customer's preferred form of address, so Polish phrases are written in the one form that fits.
 */
const STATEMENTS = [
  `CREATE TABLE canned_replies (
    id text PRIMARY KEY,
    lang text NOT NULL CHECK (lang IN ('pl', 'et', 'en')),
    title text NOT NULL,
    body text NOT NULL,
    owner_id text REFERENCES users(id),
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX canned_replies_owner ON canned_replies (owner_id, lang, title)',
  `ALTER TABLE users ADD COLUMN grammatical_gender text
    CHECK (grammatical_gender IN ('feminine', 'masculine', 'neutral'))`,
  `ALTER TABLE customers ADD COLUMN salutation text CHECK (salutation IN ('mr', 'ms', 'first_name'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
