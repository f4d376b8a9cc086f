import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { withTriggerOff } from '../db/triggers.test-helper.ts';

/**
 * Moves a case's last status change in the audit log to `iso`. The audit log is timed by the database's
 * clock and a test's story by the app's: the change is moved past the trigger that keeps the log
 * append-only to the moment the story gives it.
 */
export function backdateLastCaseUpdate(db: Db, caseId: string, iso: string): Promise<unknown> {
  return withTriggerOff(db, 'audit_log', 'audit_log_append_only', () =>
    sql`UPDATE audit_log SET at = ${iso}::timestamptz
      WHERE id = (SELECT max(id) FROM audit_log WHERE target_id = ${caseId} AND action = 'case.update')`.execute(
      db,
    ),
  );
}
