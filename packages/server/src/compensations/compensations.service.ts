import type { CompensationDecisionInput, NewCompensation } from '@calmdesk/contracts';
import { minorFrom, toMinor } from '@calmdesk/contracts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hasRole, userIdOf } from '../auth/actor.ts';
import { lockCaseWithSettings } from '../cases/interactions.service.ts';
import { type Compensation, presentCompensation } from '../cases/present.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CompensationRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getSettings, type Settings } from '../settings/settings.service.ts';

/**
 * Vouchers and repair first; a cash refund above the limit waits for a supervisor. The limit is in the
 * policy's currency, and with no exchange rate to compare by, a cash refund in any other currency always
 * waits.
 */
export function needsApproval(
  kind: CompensationRow['kind'],
  money: { minor: number; currency: string } | null,
  statutory: boolean,
  settings: Settings,
): boolean {
  if (kind !== 'cash_refund' || statutory || money === null) return false;
  const { cashRefundLimit, currency } = settings.compensationPolicy;
  if (money.currency !== currency) return true;
  const limit = toMinor(cashRefundLimit, currency);
  return 'problem' in limit || money.minor > limit.minor;
}

/** The proposed amount in minor units, in the given currency or else the policy's. */
function moneyOf(input: NewCompensation, settings: Settings): { minor: number; currency: string } | null {
  if (input.amount === undefined) return null;
  const currency = input.currency ?? settings.compensationPolicy.currency;
  const read = toMinor(input.amount, currency);
  if ('problem' in read) throw new AppError('bad_request', `body.amount: ${read.problem}`, 'body.amount');
  return { minor: read.minor, currency };
}

export async function proposeCompensation(
  db: Db,
  actor: Actor,
  caseId: string,
  input: NewCompensation,
  now: Date,
): Promise<Compensation> {
  return db.transaction().execute(async (trx) => {
    const { caseRow, settings } = await lockCaseWithSettings(trx, caseId);
    const money = moneyOf(input, settings);
    const approvalNeeded = needsApproval(input.kind, money, input.statutory, settings);
    // Within policy, or proposed by someone who could approve it anyway: approved at once.
    const approved = !approvalNeeded || hasRole(actor, 'supervisor');
    const row = await trx
      .insertInto('compensations')
      .values({
        id: newId(),
        case_id: caseId,
        kind: input.kind,
        amount_minor: money?.minor ?? null,
        currency: money?.currency ?? null,
        statutory: input.statutory,
        status: approved ? 'approved' : 'proposed',
        proposed_by: userIdOf(actor),
        approver_id: approved ? userIdOf(actor) : null,
        decided_at: approved ? now : null,
        note: input.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const compensation = presentCompensation(row);
    await recordAudit(trx, actor, {
      action: 'compensation.propose',
      targetType: 'compensation',
      targetId: row.id,
      details: {
        caseId,
        kind: row.kind,
        amount: compensation.amount,
        currency: compensation.currency,
        status: row.status,
      },
    });
    if (row.status === 'proposed') {
      await notify(
        trx,
        {
          kind: 'refund_to_approve',
          to: { roles: ['supervisor', 'owner'], except: userIdOf(actor) },
          caseId,
          title: caseRow.subject,
          details: compensationDetails(compensation, actor),
          dedupeKey: `refund_to_approve:${row.id}`,
        },
        now,
      );
    }
    return compensation;
  });
}

function compensationDetails(
  compensation: Compensation,
  actor: Actor,
): Record<string, string | number | null> {
  return {
    compensation: compensation.kind,
    amount: compensation.amount,
    currency: compensation.currency,
    by: actor.kind === 'user' ? actor.name : null,
  };
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
    const money =
      row.amount_minor === null || row.currency === null
        ? null
        : { minor: minorFrom(row.amount_minor), currency: row.currency };
    if (
      decision.decision !== 'issue' &&
      needsApproval(row.kind, money, row.statutory, settings) &&
      !hasRole(actor, 'supervisor')
    ) {
      throw new AppError(
        'forbidden',
        `a cash refund over ${settings.compensationPolicy.cashRefundLimit} ${settings.compensationPolicy.currency}, or in another currency, needs a supervisor or owner`,
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
    const compensation = presentCompensation(updated);
    if (decision.decision !== 'issue' && row.status === 'proposed') {
      const subject = await trx
        .selectFrom('cases')
        .select('subject')
        .where('id', '=', row.case_id)
        .executeTakeFirst();
      await notify(
        trx,
        {
          kind: 'refund_decided',
          to: { users: [row.proposed_by], except: userIdOf(actor) },
          caseId: row.case_id,
          title: subject?.subject ?? '',
          details: { ...compensationDetails(compensation, actor), decision: updated.status },
          dedupeKey: `refund_decided:${row.id}`,
        },
        now,
      );
    }
    return compensation;
  });
}
