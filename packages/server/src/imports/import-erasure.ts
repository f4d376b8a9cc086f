import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

export interface ImportedErasure {
  bookings: number;
  prepaidPackages: number;
  /** Invoices past the accounting period, removed. */
  invoicesRemoved: number;
  /** Invoices the accounting law still requires: number, amount and dates kept, no personal field. */
  invoicesKept: number;
  /** When the newest kept invoice may go; null when none is kept. */
  keptUntil: Date | null;
}

/**
 * Removes a customer's imported bookings and prepaid packages, and the invoices older than the
 * accounting period (`keepFrom`: invoices issued on or after it are kept). A kept invoice has no personal
 * field of its own (its buyer is the customer row, erased separately), so it stays as imported.
 */
export async function eraseImportedRows(
  db: Db,
  customerId: string,
  keepFrom: Date,
  keptUntilOf: (issuedAt: Date) => Date,
): Promise<ImportedErasure> {
  const bookings = await db.deleteFrom('bookings').where('customer_id', '=', customerId).execute();
  const packages = await db.deleteFrom('prepaid_packages').where('customer_id', '=', customerId).execute();
  const old = await db
    .deleteFrom('invoices')
    .where('customer_id', '=', customerId)
    .where('issued_at', '<', keepFrom)
    .execute();
  const kept = await db
    .selectFrom('invoices')
    .select((eb) => [eb.fn.countAll<string | number>().as('count'), eb.fn.max('issued_at').as('newest')])
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  const newest = kept.newest === null ? null : new Date(kept.newest);
  return {
    bookings: rowsTouched(bookings),
    prepaidPackages: rowsTouched(packages),
    invoicesRemoved: rowsTouched(old),
    invoicesKept: Number(kept.count),
    keptUntil: newest === null ? null : keptUntilOf(newest),
  };
}
