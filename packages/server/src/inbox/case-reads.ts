import { type SqlBool, sql } from 'kysely';
import { type Actor, userIdOf } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';

/** Notes that a staff member opened a case now: its customer's messages up to now are read. */
export async function markCaseRead(db: Db, actor: Actor, caseId: string, now: Date): Promise<void> {
  const userId = userIdOf(actor);
  if (!userId) return;
  await db
    .insertInto('case_reads')
    .values({ user_id: userId, case_id: caseId, read_at: now })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doUpdateSet({ read_at: now }))
    .execute();
}

/**
 * Whether the customer wrote on the case (`cases.id` of the query) since the staff member last opened
 * it, or ever, when they never did. False for an API token, which opens nothing.
 */
export function unreadByCondition(actor: Actor) {
  const userId = userIdOf(actor);
  if (!userId) return sql<SqlBool>`false`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM interactions i WHERE i.case_id = cases.id AND i.kind = 'inbound'
    AND i.created_at > coalesce((SELECT r.read_at FROM case_reads r
      WHERE r.case_id = cases.id AND r.user_id = ${userId}), '-infinity'::timestamptz))`;
}
