import type { CustomerMergeResult } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { moveBoundaryDecisions } from '../boundaries/boundary-merge.ts';
import { moveCasesToCustomer } from '../cases/case-merge.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { moveImportedRows } from '../imports/import-merge.ts';
import { getCustomerRow, presentCustomer } from './customers.service.ts';

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * Folds a duplicate customer (the same person writing from another address) into the one kept: each
 * owner moves its rows (cases, bookings, invoices, prepaid packages, boundary decisions, abuse
 * incidents), the kept customer takes the other's e-mails, phones and tags and whatever of its profile
 * was missing, the duplicate is deleted, and the audit log records it, all in one transaction. The
 * cases' logs are untouched (an entry belongs to its case), so every chain still verifies.
 */
export async function mergeCustomers(
  db: Db,
  actor: Actor,
  keptId: string,
  fromId: string,
  now: Date,
): Promise<CustomerMergeResult> {
  requireRole(actor, 'supervisor', 'merge customers');
  if (keptId === fromId) throw new AppError('bad_request', 'a customer cannot be merged into itself', 'from');
  return db.transaction().execute(async (trx) => {
    // Both rows locked in one order, so two merges of the same pair take turns instead of deadlocking.
    await trx
      .selectFrom('customers')
      .select('id')
      .where('id', 'in', [keptId, fromId])
      .orderBy('id')
      .forUpdate()
      .execute();
    const kept = await getCustomerRow(trx, keptId);
    const other = await getCustomerRow(trx, fromId);
    if (kept.erased_at || other.erased_at) {
      throw new AppError('conflict', 'an erased customer cannot be merged', 'from');
    }
    const cases = await moveCasesToCustomer(trx, fromId, keptId, now);
    const imported = await moveImportedRows(trx, fromId, keptId);
    const boundaryDecisions = await moveBoundaryDecisions(trx, fromId, keptId);
    const emails = unique([...kept.emails, ...other.emails]);
    const phones = unique([...kept.phones, ...other.phones]);
    const notes = [kept.notes, other.notes].filter((note) => note?.trim()).join('\n\n') || null;
    // The duplicate goes first: its e-mails and phones may then belong to the kept customer alone.
    await trx.deleteFrom('customers').where('id', '=', fromId).execute();
    const updated = await trx
      .updateTable('customers')
      .set({
        emails,
        phones,
        tags: unique([...kept.tags, ...other.tags]),
        notes,
        language: kept.language ?? other.language,
        address_form: kept.address_form ?? other.address_form,
        salutation: kept.salutation ?? other.salutation,
        external_id: kept.external_id ?? other.external_id,
        updated_at: now,
      })
      .where('id', '=', keptId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const moved = {
      cases: cases.cases,
      abuseIncidents: cases.abuseIncidents,
      bookings: imported.bookings,
      invoices: imported.invoices,
      prepaidPackages: imported.prepaidPackages,
      boundaryDecisions,
      emails: emails.length - kept.emails.length,
      phones: phones.length - kept.phones.length,
    };
    await recordAudit(trx, actor, {
      action: 'customer.merge',
      targetType: 'customer',
      targetId: keptId,
      details: { from: fromId, moved },
    });
    return { customer: presentCustomer(updated), moved };
  });
}
