import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Blanks the title and details of the notifications about these cases or this customer. */
export async function eraseNotificationTexts(
  db: Db,
  customerId: string,
  caseIds: readonly string[],
): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ title: '', details: '{}' })
    .where((eb) =>
      eb.or([
        ...(caseIds.length > 0 ? [eb('case_id', 'in', caseIds)] : []),
        eb(sql`details->>'customerId'`, '=', customerId),
      ]),
    )
    .execute();
  return rowsTouched(result);
}
