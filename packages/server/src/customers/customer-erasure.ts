import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** What an erased customer is called: a mark, not a name (the screens show "erased" in their language). */
export const ERASED_NAME = '—';

/** Blanks every personal field of a customer row; the row stays so the facts kept still have their customer. */
export async function eraseCustomerRow(db: Db, customerId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('customers')
    .set({
      name: ERASED_NAME,
      external_id: null,
      emails: [],
      phones: [],
      language: null,
      address_form: null,
      tags: [],
      notes: null,
      updated_at: now,
      erased_at: now,
    })
    .where('id', '=', customerId)
    .execute();
  return rowsTouched(result);
}
