import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

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
 * Empties the bodies, analyses and coaching of these cases' log entries, leaving the chain verifiable.
 * The one place the erasure touches the log: it waits for the digest chain (migration 0016).
 */
export async function eraseInteractionTexts(_db: Db, caseIds: readonly string[]): Promise<number> {
  return caseIds.length === 0 ? 0 : 0;
}
