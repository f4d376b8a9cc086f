import { type Kysely, sql } from 'kysely';

/**
 * The end of each case's log kept on the case row, so appending locks the case and reads where its log
 * ends in one statement: a statement that waited for the lock sees the newest version of the locked row
 * (not of other tables). A cache for appending, not evidence: verifying a log still walks the entries.
 */
const STATEMENTS = [
  'ALTER TABLE cases ADD COLUMN last_seq int NOT NULL DEFAULT 0',
  `ALTER TABLE cases ADD COLUMN last_hash text NOT NULL DEFAULT '${'0'.repeat(64)}'`,
  `UPDATE cases SET last_seq = last.seq, last_hash = last.hash
     FROM (SELECT DISTINCT ON (case_id) case_id, seq, hash FROM interactions ORDER BY case_id, seq DESC) AS last
     WHERE last.case_id = cases.id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
