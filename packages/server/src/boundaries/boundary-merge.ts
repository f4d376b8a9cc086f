import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Moves a customer's boundary decisions (with their history and letters) to the customer they are merged into. */
export async function moveBoundaryDecisions(db: Db, fromId: string, toId: string): Promise<number> {
  const result = await db
    .updateTable('boundary_decisions')
    .set({ customer_id: toId })
    .where('customer_id', '=', fromId)
    .execute();
  return rowsTouched(result);
}
