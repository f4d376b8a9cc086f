import type { CustomerEraseInput, ErasureResult, LegalHold } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, requireRole } from '../auth/actor.ts';
import { eraseBoundaryTexts } from '../boundaries/boundary-erasure.ts';
import { eraseCaseSubjects, eraseInteractionTexts } from '../cases/case-erasure.ts';
import { addInteraction } from '../cases/interactions.service.ts';
import { eraseCommitmentTexts } from '../commitments/commitment-erasure.ts';
import { eraseCompensationNotes } from '../compensations/compensation-erasure.ts';
import { eraseCustomerRow } from '../customers/customer-erasure.ts';
import { getCustomerRow } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { eraseImportedRows } from '../imports/import-erasure.ts';
import { eraseCustomerMail } from '../mail/mail-erasure.ts';
import { eraseNotificationTexts } from '../notifications/notification-erasure.ts';
import { getSettings } from '../settings/settings.service.ts';
import { accountingYears, invoiceKeptUntil, invoicesKeptFrom } from './accounting.ts';
import { ERASURE_NOTE } from './erasure-note.ts';
import { findLegalHolds } from './legal-holds.ts';

/**
 * Erases a customer's personal data everywhere it is kept (GDPR Art. 17), in one transaction; refused with
 * `legal_hold` while a dispute is open. What stays: the customer row emptied, the cases' facts, the log's
 * chain with an erasure entry per case, invoices the accounting law still requires.
 */
export async function eraseCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  input: CustomerEraseInput,
  now: Date,
): Promise<ErasureResult> {
  requireRole(actor, 'owner', "erase a customer's personal data");
  return db.transaction().execute(async (trx) => {
    // Two erasures of one customer (the button and the retention job) take turns; the second sees the first's.
    await trx.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().execute();
    const customer = await getCustomerRow(trx, customerId);
    if (customer.erased_at) {
      throw new AppError(
        'conflict',
        `customer ${customerId} was erased on ${customer.erased_at.toISOString()}`,
      );
    }
    refuseHeld(await findLegalHolds(trx, customerId));
    const settings = await getSettings(trx);
    const years = accountingYears(settings.timeZone);
    const ids = await relatedIds(trx, customerId);
    const counts = await eraseEverything(trx, customer, ids, years, now);
    const note = ERASURE_NOTE[settings.languages[0] ?? 'en'];
    for (const caseId of ids.caseIds) {
      await addInteraction(trx, actor, caseId, { kind: 'note', body: note }, now);
    }
    const result = presentResult(customerId, counts, ids.caseIds.length, years, now);
    await recordAudit(trx, actor, {
      action: 'customer.erase',
      targetType: 'customer',
      targetId: customerId,
      details: { reason: input.reason, erased: result.erased, kept: result.kept },
    });
    return result;
  });
}

function refuseHeld(holds: LegalHold[]): void {
  if (holds.length === 0) return;
  const named = holds.map((hold) => `${hold.kind} ${hold.id}`).join(', ');
  throw new AppError('legal_hold', `the data is held for an open dispute: ${named}`, undefined, { holds });
}

interface RelatedIds {
  caseIds: string[];
  compensationIds: string[];
  decisionIds: string[];
}

async function relatedIds(db: Db, customerId: string): Promise<RelatedIds> {
  const [cases, compensations, decisions] = await Promise.all([
    db.selectFrom('cases').select('id').where('customer_id', '=', customerId).execute(),
    db
      .selectFrom('compensations')
      .innerJoin('cases', 'cases.id', 'compensations.case_id')
      .select('compensations.id')
      .where('cases.customer_id', '=', customerId)
      .execute(),
    db.selectFrom('boundary_decisions').select('id').where('customer_id', '=', customerId).execute(),
  ]);
  return {
    caseIds: cases.map((row) => row.id),
    compensationIds: compensations.map((row) => row.id),
    decisionIds: decisions.map((row) => row.id),
  };
}

type Counts = Awaited<ReturnType<typeof eraseEverything>>;

/** Each owner erases its own rows (ARCHITECTURE.md: one owner per table). */
async function eraseEverything(
  db: Db,
  customer: { id: string; emails: string[] },
  ids: RelatedIds,
  years: number,
  now: Date,
) {
  const mail = await eraseCustomerMail(db, {
    caseIds: ids.caseIds,
    emails: customer.emails,
    decisionIds: ids.decisionIds,
  });
  const imported = await eraseImportedRows(db, customer.id, invoicesKeptFrom(now, years), (issuedAt) =>
    invoiceKeptUntil(issuedAt, years),
  );
  return {
    mail,
    imported,
    messages: await eraseInteractionTexts(db, ids.caseIds, now),
    commitments: await eraseCommitmentTexts(db, ids.caseIds, now),
    compensationNotes: await eraseCompensationNotes(db, ids.caseIds),
    notifications: await eraseNotificationTexts(db, customer.id, ids.caseIds),
    boundaryDecisions: await eraseBoundaryTexts(db, customer.id),
    caseSubjects: await eraseCaseSubjects(db, customer.id, now),
    auditEntries: await countAuditEntries(db, [
      customer.id,
      ...ids.caseIds,
      ...ids.compensationIds,
      ...ids.decisionIds,
    ]),
    customer: await eraseCustomerRow(db, customer.id, now),
  };
}

/**
 * The audit entries about these rows. The audit log is append-only and chained (migration 0016), so they
 * stay: they name rows and fields, never a person's words.
 */
async function countAuditEntries(db: Db, targetIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where((eb) => eb.or([eb('target_id', 'in', targetIds), eb(sql`details->>'caseId'`, 'in', targetIds)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function presentResult(
  customerId: string,
  counts: Counts,
  cases: number,
  years: number,
  now: Date,
): ErasureResult {
  return {
    customerId,
    erasedAt: now.toISOString(),
    erased: [
      { part: 'customer', count: counts.customer },
      { part: 'case_subjects', count: counts.caseSubjects },
      { part: 'messages', count: counts.messages },
      { part: 'commitments', count: counts.commitments },
      { part: 'compensation_notes', count: counts.compensationNotes },
      { part: 'mail', count: counts.mail.mail },
      { part: 'attachments', count: counts.mail.attachments },
      { part: 'outbox_mail', count: counts.mail.outbox },
      { part: 'notifications', count: counts.notifications },
      { part: 'bookings', count: counts.imported.bookings },
      { part: 'prepaid_packages', count: counts.imported.prepaidPackages },
      { part: 'invoices_past_retention', count: counts.imported.invoicesRemoved },
      { part: 'boundary_decisions', count: counts.boundaryDecisions },
    ],
    kept: [
      {
        part: 'invoices',
        count: counts.imported.invoicesKept,
        reason: 'accounting_law',
        until: counts.imported.keptUntil?.toISOString() ?? null,
      },
      { part: 'case_facts', count: cases, reason: 'no_personal_data', until: null },
      { part: 'log_chain', count: cases, reason: 'tamper_evidence', until: null },
      { part: 'audit_entries', count: counts.auditEntries, reason: 'tamper_evidence', until: null },
    ],
    accountingYears: years,
  };
}
