import type { CommitmentQuery } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { type Commitment, presentCommitment } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
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
