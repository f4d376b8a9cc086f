import type { CompensationDecisionInput, NewCompensation } from '@calmdesk/contracts';
import { minorFrom, toMinor } from '@calmdesk/contracts';
import { sql } from 'kysely';
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

/** A cash refund in minor units of its currency. */
interface Money {
  minor: number;
  currency: string;
}

/**
 * Vouchers and repair first; a cash refund that takes what the customer has been refunded past the limit
 * waits for a supervisor. A statutory refund is never steered to a voucher, but it still has to fit the
 * limit: anyone can tick "statutory". Each currency has its own limit, and with no exchange rate to
 * compare by, a cash refund in a currency the policy sets no limit for always waits.
 */
function needsApproval(
  kind: CompensationRow['kind'],
  money: Money | null,
  refundedBefore: bigint,
  settings: Settings,
): boolean {
  if (kind !== 'cash_refund' || money === null) return false;
  const limitAmount = cashRefundLimitIn(settings, money.currency);
  if (limitAmount === null) return true;
  const limit = toMinor(limitAmount, money.currency);
  return 'problem' in limit || refundedBefore + BigInt(money.minor) > BigInt(limit.minor);
}

/** The policy's cash refund limit in `currency`, in major units; null when it sets none there. */
function cashRefundLimitIn(settings: Settings, currency: string): number | null {
  const policy = settings.compensationPolicy;
  if (currency === policy.currency) return policy.cashRefundLimit;
  return policy.otherCurrencyLimits.find((other) => other.currency === currency)?.limit ?? null;
}

/**
 * The cash refunds in `currency` already approved, issued or waiting for the customer of the case, over
 * all their cases (so over this case too): ten small refunds add up like one large one. `except` leaves
 * out the refund being decided.
 */
async function cashRefundedToCustomer(
  trx: Db,
  customerId: string,
  currency: string,
  except: string | null,
): Promise<bigint> {
  let query = trx
    .selectFrom('compensations')
    .innerJoin('cases', 'cases.id', 'compensations.case_id')
    .select(sql<string>`coalesce(sum(compensations.amount_minor), 0)::text`.as('total'))
    .where('cases.customer_id', '=', customerId)
    .where('compensations.kind', '=', 'cash_refund')
    .where('compensations.currency', '=', currency)
    .where('compensations.status', '!=', 'rejected');
  if (except !== null) query = query.where('compensations.id', '!=', except);
  const row = await query.executeTakeFirstOrThrow();
  return BigInt(row.total);
}

/**
 * Holds the customer's refunds still until the transaction ends, so two cases of one customer cannot
 * each fit under the limit at the same moment.
 */
async function lockCustomerRefunds(trx: Db, customerId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`compensations:${customerId}`}))`.execute(trx);
}

async function refundedBefore(
  trx: Db,
  customerId: string,
  money: Money | null,
  except: string | null,
): Promise<bigint> {
  if (money === null) return 0n;
  await lockCustomerRefunds(trx, customerId);
  return cashRefundedToCustomer(trx, customerId, money.currency, except);
}

/** The proposed amount in minor units, in the given currency or else the policy's. */
function moneyOf(input: NewCompensation, settings: Settings): Money | null {
  if (input.amount === undefined) return null;
  const currency = input.currency ?? settings.compensationPolicy.currency;
  const read = toMinor(input.amount, currency);
  if ('problem' in read) {
    throw new AppError('bad_request', `body.amount: ${read.problem}`, 'body.amount', { reason: read.reason });
  }
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
    const before =
      input.kind === 'cash_refund' ? await refundedBefore(trx, caseRow.customer_id, money, null) : 0n;
    const approvalNeeded = needsApproval(input.kind, money, before, settings);
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
        statutory: row.statutory,
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

function overLimit(settings: Settings, currency: string): AppError {
  const limit = cashRefundLimitIn(settings, currency);
  return new AppError(
    'forbidden',
    limit === null
      ? `cash refunds in ${currency} have no limit in the policy, so they need a supervisor or owner`
      : `cash refunds to one customer over ${limit} ${currency} in all need a supervisor or owner`,
  );
}

async function customerOfCase(trx: Db, caseId: string): Promise<string> {
  const row = await trx
    .selectFrom('cases')
    .select('customer_id')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.customer_id;
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
    if (decision.decision !== 'issue' && !hasRole(actor, 'supervisor')) {
      const customerId = await customerOfCase(trx, row.case_id);
      const before = row.kind === 'cash_refund' ? await refundedBefore(trx, customerId, money, row.id) : 0n;
      if (needsApproval(row.kind, money, before, settings))
        throw overLimit(settings, money?.currency ?? settings.compensationPolicy.currency);
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
