import type { Db } from '../db/database.ts';
import { rowsTouched } from '../db/row-counts.ts';

/** Moves a customer's imported bookings, invoices and prepaid packages to the customer they are merged into. */
export async function moveImportedRows(
  db: Db,
  fromId: string,
  toId: string,
): Promise<{ bookings: number; invoices: number; prepaidPackages: number }> {
  const move = async (table: 'bookings' | 'invoices' | 'prepaid_packages') =>
    rowsTouched(
      await db.updateTable(table).set({ customer_id: toId }).where('customer_id', '=', fromId).execute(),
    );
  return {
    bookings: await move('bookings'),
    invoices: await move('invoices'),
    prepaidPackages: await move('prepaid_packages'),
  };
}
