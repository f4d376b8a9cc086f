import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** The details an audit entry may carry that are a person's words or contacts (a subject, a reason, an address). */
const PERSONAL_DETAILS = ['subject', 'reason', 'to', 'promise', 'note', 'notes', 'name', 'email', 'phone'];

/**
 * Removes the personal details from the audit entries about these rows (a customer, their cases,
 * compensations, boundary decisions); who did what and when stays.
 */
export async function redactAuditDetails(db: Db, targetIds: readonly string[]): Promise<number> {
  if (targetIds.length === 0) return 0;
  const result = await db
    .updateTable('audit_log')
    .set({ details: sql<string>`details - ${sql.val(PERSONAL_DETAILS)}::text[]` })
    .where('details', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('target_id', 'in', targetIds),
        eb(sql`details->>'caseId'`, 'in', targetIds),
        eb(sql`details->>'customerId'`, 'in', targetIds),
      ]),
    )
    .execute();
  return rowsTouched(result);
}
