import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/**
 * Moves a customer's cases and abuse incidents to the customer they are merged into. The log entries
 * belong to their case, not to the customer, so every chain stays as it was and still verifies.
 */
export async function moveCasesToCustomer(
  db: Db,
  fromId: string,
  toId: string,
  now: Date,
): Promise<{ cases: number; abuseIncidents: number }> {
  const cases = await db
    .updateTable('cases')
    .set({ customer_id: toId, updated_at: now })
    .where('customer_id', '=', fromId)
    .execute();
  const incidents = await db
    .updateTable('abuse_incidents')
    .set({ customer_id: toId })
    .where('customer_id', '=', fromId)
    .execute();
  return { cases: rowsTouched(cases), abuseIncidents: rowsTouched(incidents) };
}
