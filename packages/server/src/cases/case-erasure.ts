import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';
import { eraseEntryParts } from './evidence.ts';

/** What an erased case's subject becomes. */
export const ERASED_SUBJECT = '—';

/** Blanks the subjects of a customer's cases; statuses, levels, flags and dates stay (no personal data). */
export async function eraseCaseSubjects(db: Db, customerId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('cases')
    .set({ subject: ERASED_SUBJECT, updated_at: now })
    .where('customer_id', '=', customerId)
    .execute();
  return rowsTouched(result);
}

/**
 * Empties the bodies, analyses and coaching of these cases' log entries through the log's own erasure
 * (evidence.ts): the digests stay, so the chain still verifies.
 */
export async function eraseInteractionTexts(db: Db, caseIds: readonly string[], now: Date): Promise<number> {
  if (caseIds.length === 0) return 0;
  const entries = await db.selectFrom('interactions').select('id').where('case_id', 'in', caseIds).execute();
  return eraseEntryParts(
    db,
    entries.map((entry) => entry.id),
    now,
  );
}
