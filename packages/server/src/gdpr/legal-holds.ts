import type { LegalHold } from '@calmdesk/contracts';
import type { Db } from '../db/database.ts';

/** Case statuses that end a dispute: any other keeps the customer's data (GDPR Art. 17(3)(e)). */
const SETTLED = ['resolved', 'closed'] as const;

/**
 * What keeps a customer's data from erasure: an unsettled case, a compensation proposed or approved but
 * not yet issued or rejected, a boundary letter still waiting to be sent.
 */
export async function findLegalHolds(db: Db, customerId: string): Promise<LegalHold[]> {
  const [cases, compensations, letters] = await Promise.all([
    db
      .selectFrom('cases')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('status', 'not in', SETTLED)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('compensations')
      .innerJoin('cases', 'cases.id', 'compensations.case_id')
      .select(['compensations.id', 'compensations.case_id'])
      .where('cases.customer_id', '=', customerId)
      .where('compensations.status', 'in', ['proposed', 'approved'])
      .orderBy('compensations.created_at')
      .execute(),
    db
      .selectFrom('mail_outbox')
      .innerJoin('boundary_decisions', 'boundary_decisions.id', 'mail_outbox.boundary_decision_id')
      .select(['boundary_decisions.id'])
      .where('boundary_decisions.customer_id', '=', customerId)
      .where('mail_outbox.state', '=', 'queued')
      .distinct()
      .execute(),
  ]);
  return [
    ...cases.map((c) => ({ kind: 'open_case' as const, id: c.id, caseId: c.id })),
    ...compensations.map((c) => ({ kind: 'pending_compensation' as const, id: c.id, caseId: c.case_id })),
    ...letters.map((l) => ({ kind: 'boundary_in_progress' as const, id: l.id, caseId: null })),
  ];
}
