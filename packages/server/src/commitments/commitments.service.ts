import type { Commitment as EngineCommitment } from '@calmdesk/analysis';
import type { CommitmentListItem, CommitmentQuery, CommitmentStatus } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { liftSettledEscalation } from '../cases/escalation-lift.ts';
import { type Commitment, presentCommitment } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../errors.ts';

/**
 * Promises with their case (subject, customer, who holds it), soonest due first: among open ones the
 * overdue come first. `mine` keeps the promises on cases the signed-in person holds.
 */
export async function listCommitments(
  db: Db,
  actor: Actor,
  query: CommitmentQuery,
  now: Date,
): Promise<CommitmentListItem[]> {
  let select = db
    .selectFrom('commitments')
    .innerJoin('cases', 'cases.id', 'commitments.case_id')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .selectAll('commitments')
    .select([
      'cases.subject',
      'cases.customer_id',
      'customers.name as customer_name',
      'cases.assignee_id',
      'users.name as assignee_name',
    ]);
  if (query.status) select = select.where('commitments.status', '=', query.status);
  if (query.who) select = select.where('commitments.who', '=', query.who);
  if (query.overdue === 'true') {
    select = select.where('commitments.status', '=', 'open').where('commitments.due_at', '<', now);
  }
  if (query.mine === 'true') {
    select = select.where('cases.assignee_id', '=', actor.kind === 'user' ? actor.id : '');
  }
  const rows = await select
    .orderBy('commitments.due_at')
    .orderBy('commitments.id')
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({
    ...presentCommitment(row),
    case: {
      id: row.case_id,
      subject: row.subject,
      customer: { id: row.customer_id, name: row.customer_name },
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    },
  }));
}

/**
 * Marks a promise kept, missed or cancelled (or open again); the change is audited. A promise settled
 * this way no longer holds its case up: when it was the last overdue one behind the case's escalation,
 * the escalation is lifted.
 */
export async function setCommitmentStatus(
  db: Db,
  actor: Actor,
  id: string,
  status: CommitmentStatus,
  now: Date,
): Promise<Commitment> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('commitments')
      .set({ status, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('commitment', id);
    await recordAudit(trx, actor, {
      action: 'commitment.status',
      targetType: 'commitment',
      targetId: id,
      details: { status },
    });
    if (status !== 'open') await liftSettledEscalation(trx, actor, row.case_id, now);
    return presentCommitment(row);
  });
}

/** Marks every open commitment past its due time as escalated, once; the case of each it marked. */
export async function markOverdueCommitmentsEscalated(
  db: Db,
  now: Date,
): Promise<Array<{ id: string; case_id: string; who: 'us' | 'customer'; text: string }>> {
  return db
    .updateTable('commitments')
    .set({ escalated_at: now })
    .where('status', '=', 'open')
    .where('due_at', '<', now)
    .where('escalated_at', 'is', null)
    .returning(['id', 'case_id', 'who', 'text'])
    .execute();
}

/** Our open promises falling due within this window, on cases still in progress: who holds each case. */
export async function ourCommitmentsDueWithin(db: Db, now: Date, windowMs: number) {
  return db
    .selectFrom('commitments')
    .innerJoin('cases', 'cases.id', 'commitments.case_id')
    .select([
      'commitments.id',
      'commitments.case_id',
      'commitments.text',
      'commitments.due_at',
      'cases.subject',
      'cases.assignee_id',
    ])
    .where('commitments.who', '=', 'us')
    .where('commitments.status', '=', 'open')
    .where('commitments.due_at', '>=', now)
    .where('commitments.due_at', '<', new Date(now.getTime() + windowMs))
    .where('cases.status', 'not in', ['resolved', 'closed'])
    .execute();
}

/**
 * The insert of the promises found in a log entry, not yet run: the append sends it in the same
 * statement as the entry itself (cases/interactions.service.ts).
 */
export function commitmentsInsertOf(
  db: Db,
  entry: { caseId: string; interactionId: string; found: readonly EngineCommitment[]; now: Date },
) {
  return db.insertInto('commitments').values(
    entry.found.map((c) => ({
      id: newId(),
      case_id: entry.caseId,
      interaction_id: entry.interactionId,
      who: c.who,
      text: c.text,
      due_at: new Date(c.dueAt),
      updated_at: entry.now,
    })),
  );
}
