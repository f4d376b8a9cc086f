import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Blanks the reasons, evidence quotes and letters of a customer's boundary decisions; levels and dates stay. */
export async function eraseBoundaryTexts(db: Db, customerId: string): Promise<number> {
  const result = await db
    .updateTable('boundary_decisions')
    .set({ reason: '', evidence: '[]', letter: null, revoke_reason: null })
    .where('customer_id', '=', customerId)
    .execute();
  return rowsTouched(result);
}
