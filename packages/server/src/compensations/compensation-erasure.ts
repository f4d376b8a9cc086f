import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Removes the notes of these cases' compensations; kinds, amounts and decisions stay. */
export async function eraseCompensationNotes(db: Db, caseIds: readonly string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  const result = await db
    .updateTable('compensations')
    .set({ note: null })
    .where('case_id', 'in', caseIds)
    .where('note', 'is not', null)
    .execute();
  return rowsTouched(result);
}
