import type { Commitment as EngineCommitment } from '@calmdesk/analysis';
import type { CommitmentQuery } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { type Commitment, presentCommitment } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../errors.ts';

export async function listCommitments(db: Db, query: CommitmentQuery, now: Date): Promise<Commitment[]> {
  let select = db.selectFrom('commitments').selectAll();
  if (query.status) select = select.where('status', '=', query.status);
  if (query.who) select = select.where('who', '=', query.who);
  if (query.overdue === 'true') select = select.where('status', '=', 'open').where('due_at', '<', now);
  const rows = await select.orderBy('due_at').orderBy('id').limit(query.limit).execute();
  return rows.map(presentCommitment);
}

/** Marks a promise kept or missed (or open again); the change is audited. */
export async function setCommitmentStatus(
  db: Db,
  actor: Actor,
  id: string,
  status: 'open' | 'kept' | 'missed',
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
