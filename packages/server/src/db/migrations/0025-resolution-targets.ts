import { type Kysely, sql } from 'kysely';

/** Resolution targets per level beside the response targets; null keeps the defaults until the owner saves. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE organisation ADD COLUMN resolution_targets jsonb`.execute(db);
}
