import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Blanks the promises' words on these cases; their dates and outcomes stay. */
export async function eraseCommitmentTexts(db: Db, caseIds: readonly string[], now: Date): Promise<number> {
  if (caseIds.length === 0) return 0;
  const result = await db
    .updateTable('commitments')
    .set({ text: '', updated_at: now })
    .where('case_id', 'in', caseIds)
    .execute();
  return rowsTouched(result);
}
