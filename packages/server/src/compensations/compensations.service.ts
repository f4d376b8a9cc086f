import type { CompensationDecisionInput, NewCompensation } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hasRole, userIdOf } from '../auth/actor.ts';
import { lockCaseWithSettings } from '../cases/interactions.service.ts';
import { type Compensation, presentCompensation } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CompensationRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { getSettings, type Settings } from '../settings/settings.service.ts';

/** Seed 001: vouchers and repair first; a cash refund above the limit waits for a supervisor. */
export function needsApproval(
  kind: CompensationRow['kind'],
  amount: number | undefined,
  statutory: boolean,
  settings: Settings,
): boolean {
  return kind === 'cash_refund' && !statutory && (amount ?? 0) > settings.compensationPolicy.cashRefundLimit;
}

export async function proposeCompensation(
  db: Db,
  actor: Actor,
  caseId: string,
  input: NewCompensation,
  now: Date,
): Promise<Compensation> {
  return db.transaction().execute(async (trx) => {
    const { settings } = await lockCaseWithSettings(trx, caseId);
    const approvalNeeded = needsApproval(input.kind, input.amount, input.statutory, settings);
    // Within policy, or proposed by someone who could approve it anyway: approved at once.
    const approved = !approvalNeeded || hasRole(actor, 'supervisor');
    const row = await trx
      .insertInto('compensations')
      .values({
        id: newId(),
        case_id: caseId,
        kind: input.kind,
        amount: input.amount ?? null,
        currency:
          input.amount === undefined ? null : (input.currency ?? settings.compensationPolicy.currency),
        statutory: input.statutory,
        status: approved ? 'approved' : 'proposed',
        proposed_by: userIdOf(actor),
        approver_id: approved ? userIdOf(actor) : null,
        decided_at: approved ? now : null,
        note: input.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'compensation.propose',
      targetType: 'compensation',
      targetId: row.id,
      details: { caseId, kind: row.kind, amount: row.amount, status: row.status },
    });
    return presentCompensation(row);
  });
}

const NEXT_STATUS = { approve: 'approved', reject: 'rejected', issue: 'issued' } as const;
const ALLOWED_FROM: Record<keyof typeof NEXT_STATUS, CompensationRow['status'][]> = {
  approve: ['proposed'],
  reject: ['proposed', 'approved'],
  issue: ['approved'],
};

export async function decideCompensation(
  db: Db,
  actor: Actor,
  id: string,
  decision: CompensationDecisionInput,
  now: Date,
): Promise<Compensation> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('compensations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('compensation', id);
    if (!ALLOWED_FROM[decision.decision].includes(row.status)) {
      throw new AppError(
        'conflict',
        `a ${row.status} compensation cannot be given the decision ${decision.decision}`,
        'decision',
      );
    }
    const settings = await getSettings(trx);
    const amount = row.amount === null ? undefined : Number(row.amount);
    if (
      decision.decision !== 'issue' &&
      needsApproval(row.kind, amount, row.statutory, settings) &&
      !hasRole(actor, 'supervisor')
    ) {
      throw new AppError(
        'forbidden',
        `a cash refund over ${settings.compensationPolicy.cashRefundLimit} ${settings.compensationPolicy.currency} needs a supervisor or owner`,
      );
    }
    const updated = await trx
      .updateTable('compensations')
      .set({
        status: NEXT_STATUS[decision.decision],
        approver_id: decision.decision === 'issue' ? row.approver_id : userIdOf(actor),
        decided_at: now,
        note: decision.note ?? row.note,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: `compensation.${decision.decision}`,
      targetType: 'compensation',
      targetId: id,
      details: { caseId: row.case_id, before: row.status },
    });
    return presentCompensation(updated);
  });
}
