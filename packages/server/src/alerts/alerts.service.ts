import { sql } from 'kysely';
import { recordSystemAudit } from '../audit/audit.service.ts';
import { escalationNotice, markCasesEscalated, markNextResponsesMissed } from '../cases/cases.service.ts';
import {
  markOverdueCommitmentsEscalated,
  ourCommitmentsDueWithin,
} from '../commitments/commitments.service.ts';
import type { Db } from '../db/database.ts';
import { publishChange } from '../live/live-feed.ts';
import { notify, type Recipients } from '../notifications/notifications.service.ts';

export interface Alert {
  kind: 'commitment_overdue' | 'first_response_missed' | 'next_response_missed';
  caseId: string;
  subject: string;
  customer: { id: string; name: string };
  dueAt: string;
  /** Who must act now: an overdue item goes up to a supervisor (PRODUCT.md item 5). */
  escalateTo: 'supervisor';
  escalatedAt: string | null;
  commitment?: { id: string; text: string; who: 'us' | 'customer' };
}

/**
 * Overdue open commitments, and missed first and next responses of cases still in progress (not while
 * they wait on the customer), most overdue first.
 */
export async function listAlerts(db: Db, now: Date): Promise<Alert[]> {
  const [commitments, responses, nextResponses] = await Promise.all([
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
      .where('cases.sla_paused_at', 'is', null)
      .where('cases.status', 'not in', ['resolved', 'closed'])
      .orderBy('cases.first_response_due_at')
      .limit(500)
      .execute(),
    db
      .selectFrom('cases')
      .innerJoin('customers', 'customers.id', 'cases.customer_id')
      .select([
        'cases.id as case_id',
        'cases.subject',
        'cases.next_response_due_at',
        'cases.next_response_escalated_at',
        'customers.id as customer_id',
        'customers.name as customer_name',
      ])
      .where('cases.next_response_due_at', 'is not', null)
      .where('cases.next_response_due_at', '<', now)
      .where('cases.sla_paused_at', 'is', null)
      .orderBy('cases.next_response_due_at')
      .limit(500)
      .execute(),
  ]);
  const alerts: Alert[] = [
    ...commitments.map(
      (c): Alert => ({
        ...caseAlert('commitment_overdue', c, c.due_at, c.escalated_at),
        commitment: { id: c.id, text: c.text, who: c.who },
      }),
    ),
    ...responses.map((r) =>
      caseAlert('first_response_missed', r, r.first_response_due_at as Date, r.escalated_at),
    ),
    ...nextResponses.map((r) =>
      caseAlert('next_response_missed', r, r.next_response_due_at as Date, r.next_response_escalated_at),
    ),
  ];
  return alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** An alert about a case, from its row as the alert queries select it. */
function caseAlert(
  kind: Alert['kind'],
  row: { case_id: string; subject: string; customer_id: string; customer_name: string },
  dueAt: Date,
  escalatedAt: Date | null,
): Alert {
  return {
    kind,
    caseId: row.case_id,
    subject: row.subject,
    customer: { id: row.customer_id, name: row.customer_name },
    dueAt: dueAt.toISOString(),
    escalateTo: 'supervisor',
    escalatedAt: escalatedAt?.toISOString() ?? null,
  };
}

/** How long before one of our promises falls due its case's holder is reminded. */
export const DUE_SOON_MS = 60 * 60_000;

/**
 * Escalates what became overdue since the last sweep: the case is marked escalated with the reason
 * and keeps its assignee; the supervisors and the assignee are told, and the holder of each of our
 * promises that fell due. Reminds the holder of our promises due within the hour. Every step is once
 * only (escalated_at, and each notification's key), so two sweeps at once do nothing twice.
 * Returns how many items were escalated.
 */
export async function escalateOverdue(db: Db, now: Date): Promise<number> {
  const { count, escalated } = await sweep(db, now);
  // Open inboxes and supervisors' queues show the escalation without a reload.
  for (const c of escalated) {
    await publishChange(db, {
      type: 'case.updated',
      caseId: c.id,
      status: c.status,
      assigneeId: c.assignee_id,
    });
  }
  return count;
}

async function sweep(db: Db, now: Date) {
  return db.transaction().execute(async (trx) => {
    const commitments = await markOverdueCommitmentsEscalated(trx, now);
    const lateCases = await trx
      .selectFrom('cases')
      .select('id')
      .where('first_responded_at', 'is', null)
      .where('first_response_due_at', '<', now)
      .where('escalated_at', 'is', null)
      .where('sla_paused_at', 'is', null)
      // Literal, not parameters: the partial index cases_first_response_running matches it in any plan.
      .where(sql<boolean>`status NOT IN ('resolved', 'closed')`)
      .execute();
    const byCommitment = await markCasesEscalated(
      trx,
      [...new Set(commitments.map((c) => c.case_id))],
      'commitment_overdue',
      now,
    );
    const byResponse = await markCasesEscalated(
      trx,
      lateCases.map((c) => c.id),
      'first_response_missed',
      now,
    );
    const byNextResponse = await markNextResponsesMissed(trx, now);
    const escalated = [
      ...byCommitment.map((c) => ({ ...c, reason: 'commitment_overdue' as const })),
      ...byResponse.map((c) => ({ ...c, reason: 'first_response_missed' as const })),
      ...byNextResponse.map((c) => ({ ...c, reason: 'next_response_missed' as const })),
    ];
    await notify(
      trx,
      [
        ...escalated
          .filter((c) => c.reason !== 'next_response_missed')
          .map((c) => escalationNotice(c.id, c.subject, c.reason, c.assignee_id, null)),
        // Each missed next response is told once, even on a case escalated before.
        ...byNextResponse.map((c) => ({
          ...escalationNotice(c.id, c.subject, 'next_response_missed', c.assignee_id, null),
          dedupeKey: `case_escalated:${c.id}:next_response:${c.due_at.toISOString()}`,
        })),
      ],
      now,
    );
    await tellOverduePromises(trx, commitments, now);
    await remindDueSoon(trx, now);
    if (escalated.length > 0) {
      await recordSystemAudit(
        trx,
        escalated.map((c) => ({
          action: 'case.escalate_overdue',
          targetType: 'case',
          targetId: c.id,
          details: { reason: c.reason, assignee: c.assignee_id },
        })),
      );
    }
    return { count: commitments.length + lateCases.length + byNextResponse.length, escalated };
  });
}

/** Who is told of one of our promises: the person holding its case, the supervisors when nobody does. */
function holderOf(assigneeId: string | null): Recipients {
  return assigneeId ? { users: [assigneeId] } : { roles: ['supervisor', 'owner'] };
}

/** Each of our promises that fell due: its case's holder is told. */
async function tellOverduePromises(
  db: Db,
  commitments: ReadonlyArray<{ id: string; case_id: string; who: 'us' | 'customer'; text: string }>,
  now: Date,
): Promise<void> {
  const ours = commitments.filter((c) => c.who === 'us');
  if (ours.length === 0) return;
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'subject', 'assignee_id'])
    .where('id', 'in', [...new Set(ours.map((c) => c.case_id))])
    .execute();
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  await notify(
    db,
    ours.map((commitment) => {
      const holder = caseOf.get(commitment.case_id);
      return {
        kind: 'commitment_overdue' as const,
        to: holderOf(holder?.assignee_id ?? null),
        caseId: commitment.case_id,
        title: holder?.subject ?? '',
        details: { promise: commitment.text.slice(0, 200) },
        dedupeKey: `commitment_overdue:${commitment.id}`,
      };
    }),
    now,
  );
}

async function remindDueSoon(db: Db, now: Date): Promise<void> {
  const due = await ourCommitmentsDueWithin(db, now, DUE_SOON_MS);
  await notify(
    db,
    due.map((d) => ({
      kind: 'commitment_due_soon' as const,
      to: holderOf(d.assignee_id),
      caseId: d.case_id,
      title: d.subject,
      details: { promise: d.text.slice(0, 200), dueAt: d.due_at.toISOString() },
      dedupeKey: `commitment_due_soon:${d.id}`,
    })),
    now,
  );
}
