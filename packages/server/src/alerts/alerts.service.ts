import { recordSystemAudit } from '../audit/audit.service.ts';
import { escalateCasesToSupervisor } from '../cases/cases.service.ts';
import { markOverdueCommitmentsEscalated } from '../commitments/commitments.service.ts';
import type { Db } from '../db/database.ts';

export interface Alert {
  kind: 'commitment_overdue' | 'first_response_missed';
  caseId: string;
  subject: string;
  customer: { id: string; name: string };
  dueAt: string;
  /** Who must act now: an overdue item goes up to a supervisor (PRODUCT.md item 5). */
  escalateTo: 'supervisor';
  escalatedAt: string | null;
  commitment?: { id: string; text: string; who: 'us' | 'customer' };
}

/** Overdue open commitments and missed first responses of cases still in progress, most overdue first. */
export async function listAlerts(db: Db, now: Date): Promise<Alert[]> {
  const [commitments, responses] = await Promise.all([
    db
      .selectFrom('commitments')
      .innerJoin('cases', 'cases.id', 'commitments.case_id')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select([
        'commitments.id',
        'commitments.text',
        'commitments.who',
        'commitments.due_at',
        'commitments.escalated_at',
        'cases.id as case_id',
        'cases.subject',
        'customers.id as customer_id',
        'customers.name as customer_name',
      ])
      .where('commitments.status', '=', 'open')
      .where('commitments.due_at', '<', now)
      .orderBy('commitments.due_at')
      .limit(500)
      .execute(),
    db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select([
        'cases.id as case_id',
        'cases.subject',
        'cases.first_response_due_at',
        'cases.escalated_at',
        'customers.id as customer_id',
        'customers.name as customer_name',
      ])
      .where('cases.first_responded_at', 'is', null)
      .where('cases.first_response_due_at', '<', now)
      .where('cases.status', 'not in', ['resolved', 'closed'])
      .orderBy('cases.first_response_due_at')
      .limit(500)
      .execute(),
  ]);
  const alerts: Alert[] = [
    ...commitments.map(
      (c): Alert => ({
        kind: 'commitment_overdue',
        caseId: c.case_id,
        subject: c.subject,
        customer: { id: c.customer_id, name: c.customer_name },
        dueAt: c.due_at.toISOString(),
        escalateTo: 'supervisor',
        escalatedAt: c.escalated_at?.toISOString() ?? null,
        commitment: { id: c.id, text: c.text, who: c.who },
      }),
    ),
    ...responses.map(
      (r): Alert => ({
        kind: 'first_response_missed',
        caseId: r.case_id,
        subject: r.subject,
        customer: { id: r.customer_id, name: r.customer_name },
        dueAt: (r.first_response_due_at as Date).toISOString(),
        escalateTo: 'supervisor',
        escalatedAt: r.escalated_at?.toISOString() ?? null,
      }),
    ),
  ];
  return alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * Escalates what became overdue since the last sweep: marks it and hands the case to a supervisor when
 * an agent (or nobody) holds it. Returns how many items were escalated.
 */
export async function escalateOverdue(db: Db, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const supervisor = await trx
      .selectFrom('users')
      .select('id')
      .where('role', 'in', ['supervisor', 'owner'])
      .where('disabled_at', 'is', null)
      .orderBy('role', 'desc')
      .orderBy('created_at')
      .executeTakeFirst();
    const commitments = await markOverdueCommitmentsEscalated(trx, now);
    const lateCases = await trx
      .selectFrom('cases')
      .select('id')
      .where('first_responded_at', 'is', null)
      .where('first_response_due_at', '<', now)
      .where('escalated_at', 'is', null)
      .where('status', 'not in', ['resolved', 'closed'])
      .execute();
    const caseIds = [...new Set([...commitments.map((c) => c.case_id), ...lateCases.map((c) => c.id)])];
    if (caseIds.length === 0) return 0;
    await escalateCasesToSupervisor(trx, caseIds, supervisor?.id ?? null, now);
    await recordSystemAudit(
      trx,
      caseIds.map((id) => ({
        action: 'case.escalate_overdue',
        targetType: 'case',
        targetId: id,
        details: { to: supervisor?.id ?? null },
      })),
    );
    return commitments.length + lateCases.length;
  });
}
