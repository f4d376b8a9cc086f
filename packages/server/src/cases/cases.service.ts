import {
  type CaseDetail,
  type CaseListItem,
  type CasePatch,
  type CaseQuery,
  type EscalationReason,
  INTERACTION_PAGE,
  type NewCase,
} from '@calmdesk/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, userIdOf } from '../auth/actor.ts';
import { matchOrCreateCustomer } from '../customers/customers.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CaseRow, CaseStatus } from '../db/schema.ts';
import { unstorableTextProblem } from '../db/storable-text.ts';
import { AppError, notFound } from '../errors.ts';
import { unreadByCondition } from '../inbox/case-reads.ts';
import { type NewNotification, notify } from '../notifications/notifications.service.ts';
import { caseSearchCondition, executeSearch } from '../search/case-search.ts';
import { getSettings } from '../settings/settings.service.ts';
import { type EntryExtras, lockCase, receiveInbound } from './interactions.service.ts';
import { newestLogPages } from './log-pages.ts';
import {
  type CaseSummaryRow,
  presentCaseSummary,
  presentCommitment,
  presentCompensation,
} from './present.ts';
import { computePriority } from './priority.ts';
import { deadlinesOnStatus } from './sla.ts';

/**
 * Opens a case for a customer (matched by e-mail or phone, else created), with its first message.
 * Inside a caller's transaction it joins it (mail ingestion records its message in the same one).
 * `assignTo` is who holds it from the start: the staff member who typed in their own call or visit.
 */
export async function createCase(
  db: Db,
  actor: Actor,
  input: NewCase,
  now: Date,
  extras: EntryExtras = {},
  assignTo: string | null = null,
): Promise<CaseDetail> {
  const open = async (trx: Db) => {
    const customer = await matchOrCreateCustomer(trx, actor, input.customer);
    const caseRow = await trx
      .insertInto('cases')
      .values({
        id: newId(),
        customer_id: customer.id,
        subject: input.subject,
        channel: input.channel,
        status: 'new',
        assignee_id: assignTo,
        language: input.customer.language ?? customer.language,
        priority: computePriority({ level: null, flags: [], problems: 0, status: 'new' }),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.message) {
      await receiveInbound(
        trx,
        actor,
        { caseRow, settings: await getSettings(trx) },
        input.message.body,
        now,
        undefined,
        extras,
      );
    }
    await recordAudit(trx, actor, {
      action: 'case.create',
      targetType: 'case',
      targetId: caseRow.id,
      ...(assignTo ? { details: { assignee: assignTo } } : {}),
    });
    return caseRow.id;
  };
  const id = db.isTransaction ? await open(db) : await db.transaction().execute(open);
  return getCaseDetail(db, id);
}

function summaries(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('customers', 'customers.id', 'cases.customer_id')
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .selectAll('cases')
    .select(['customers.name as customer_name', 'users.name as assignee_name']);
}

export async function getCaseDetail(db: Db, id: string): Promise<CaseDetail> {
  const row = await summaries(db).where('cases.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('case', id);
  const [detail] = await presentCaseDetails(db, [row as CaseSummaryRow]);
  return detail as CaseDetail;
}

/**
 * A customer's newest cases (up to `limit`), each with its newest `entries` log entries (a page, unless an
 * export asks for all), in a few queries however many cases there are.
 */
export async function getCustomerCaseDetails(
  db: Db,
  customerId: string,
  { limit = 200, entries = INTERACTION_PAGE }: { limit?: number; entries?: number } = {},
): Promise<CaseDetail[]> {
  const rows = await summaries(db)
    .where('cases.customer_id', '=', customerId)
    .orderBy('cases.created_at', 'desc')
    .limit(limit)
    .execute();
  return presentCaseDetails(db, rows as CaseSummaryRow[], entries);
}

async function presentCaseDetails(
  db: Db,
  rows: CaseSummaryRow[],
  entries = INTERACTION_PAGE,
): Promise<CaseDetail[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [logs, commitments, compensations] = await Promise.all([
    newestLogPages(db, ids, entries),
    db.selectFrom('commitments').selectAll().where('case_id', 'in', ids).orderBy('due_at').execute(),
    db.selectFrom('compensations').selectAll().where('case_id', 'in', ids).orderBy('created_at').execute(),
  ]);
  const commitmentsOf = byCase(commitments);
  const compensationsOf = byCase(compensations);
  return rows.map((row) => ({
    ...presentCaseSummary(row),
    stage: row.stage,
    fault: row.fault,
    interactions: logs.get(row.id)?.entries ?? [],
    interactionCount: row.last_seq,
    interactionsBefore: logs.get(row.id)?.before ?? null,
    commitments: (commitmentsOf.get(row.id) ?? []).map(presentCommitment),
    compensations: (compensationsOf.get(row.id) ?? []).map(presentCompensation),
  }));
}

/** Rows grouped by their case, each group in the order the rows came. */
function byCase<T extends { case_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.case_id);
    if (group) group.push(row);
    else groups.set(row.case_id, [row]);
  }
  return groups;
}

/** The last row of a page, as the position to continue after. */
type Cursor =
  | [priority: number, due: string, id: string]
  | [created: string, id: string]
  | [due: string, id: string];

function encodeCursor(values: Cursor): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The position a cursor holds, checked value by value against the sort's shape: a cursor is the client's
 * to send, so a crafted one must be a 400, never a query the database refuses.
 */
function decodeCursor<const Shape extends readonly CursorValue[]>(
  cursor: string,
  shape: Shape,
): CursorValues<Shape> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  if (
    Array.isArray(values) &&
    values.length === shape.length &&
    shape.every((kind, i) => isCursorValue(kind, values[i]))
  ) {
    return values as CursorValues<Shape>;
  }
  throw new AppError('bad_request', 'query.cursor: not a cursor this API handed out', 'query.cursor');
}

type CursorValue = 'priority' | 'instant' | 'id';
type CursorValues<Shape extends readonly CursorValue[]> = {
  [K in keyof Shape]: Shape[K] extends 'priority' ? number : string;
};

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isCursorValue(kind: CursorValue, value: unknown): boolean {
  if (kind === 'priority') return Number.isSafeInteger(value);
  if (typeof value !== 'string') return false;
  if (kind === 'instant') {
    return value === INFINITY || (CURSOR_INSTANT.test(value) && !Number.isNaN(Date.parse(value)));
  }
  return value.length > 0 && value.length <= 100 && unstorableTextProblem(value) === null;
}

const INFINITY = 'infinity';
const dueKey = sql<string>`coalesce(cases.first_response_due_at, 'infinity'::timestamptz)`;

export async function listCases(
  db: Db,
  actor: Actor,
  query: CaseQuery,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const search = query.q?.trim() ? await caseSearchCondition(db, query.q) : undefined;
  let select = summaries(db)
    .select(unreadByCondition(actor).as('unread'))
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (query.status === 'active') conditions.push(eb('cases.status', 'not in', ['resolved', 'closed']));
      else if (query.status) conditions.push(eb('cases.status', '=', query.status));
      if (query.level) conditions.push(eb('cases.level', '=', query.level));
      if (query.channel) conditions.push(eb('cases.channel', '=', query.channel));
      if (query.customer) conditions.push(eb('cases.customer_id', '=', query.customer));
      if (query.escalated === 'true') {
        conditions.push(eb('cases.escalated_at', 'is not', null));
        conditions.push(eb('cases.status', 'not in', ['resolved', 'closed']));
      } else if (query.escalated === 'false') conditions.push(eb('cases.escalated_at', 'is', null));
      if (query.assignee === 'none') conditions.push(eb('cases.assignee_id', 'is', null));
      else if (query.assignee === 'me_or_none') {
        const mine = eb('cases.assignee_id', '=', actor.kind === 'user' ? actor.id : '');
        conditions.push(eb.or([mine, eb('cases.assignee_id', 'is', null)]));
      } else if (query.assignee === 'me')
        conditions.push(eb('cases.assignee_id', '=', actor.kind === 'user' ? actor.id : ''));
      else if (query.assignee) conditions.push(eb('cases.assignee_id', '=', query.assignee));
      if (search) conditions.push(search);
      return eb.and(conditions);
    });
  if (query.sort === 'priority') {
    if (query.cursor) {
      const [priority, due, id] = decodeCursor(query.cursor, ['priority', 'instant', 'id']);
      select = select
        .where('cases.priority', '<=', priority)
        .where(
          sql<SqlBool>`(cases.priority < ${priority} or (${dueKey}, cases.id) > (${due}::timestamptz, ${id}))`,
        );
    }
    select = select.orderBy('cases.priority', 'desc').orderBy(dueKey).orderBy('cases.id');
  } else if (query.sort === 'due') {
    if (query.cursor) {
      const [due, id] = decodeCursor(query.cursor, ['instant', 'id']);
      select = select.where(sql<SqlBool>`(${dueKey}, cases.id) > (${due}::timestamptz, ${id})`);
    }
    select = select.orderBy(dueKey).orderBy('cases.id');
  } else {
    if (query.cursor) {
      const [created, id] = decodeCursor(query.cursor, ['instant', 'id']);
      select = select.where(sql<SqlBool>`(cases.created_at, cases.id) < (${created}::timestamptz, ${id})`);
    }
    select = select.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc');
  }
  const limited = select.limit(query.limit + 1);
  const rows = (query.q?.trim() ? await executeSearch(db, limited) : await limited.execute()) as Array<
    CaseSummaryRow & { unread: boolean }
  >;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const hasMore = rows.length > query.limit && last !== undefined;
  return {
    items: page.map((row) => ({ ...presentCaseSummary(row), unread: row.unread === true })),
    nextCursor: hasMore ? encodeCursor(cursorOf(last, query.sort)) : null,
  };
}

function cursorOf(row: CaseRow, sort: CaseQuery['sort']): Cursor {
  const due = row.first_response_due_at?.toISOString() ?? INFINITY;
  if (sort === 'priority') return [row.priority, due, row.id];
  if (sort === 'due') return [due, row.id];
  return [row.created_at.toISOString(), row.id];
}

export async function updateCase(
  db: Db,
  actor: Actor,
  id: string,
  patch: CasePatch,
  now: Date,
): Promise<CaseDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await lockCase(trx, id);
    const assigneeId = patch.assignee === undefined ? row.assignee_id : patch.assignee;
    if (assigneeId !== null && assigneeId !== row.assignee_id) await requireActiveUser(trx, assigneeId);
    const status = patch.status ?? row.status;
    const deadlines =
      status === row.status ? {} : deadlinesOnStatus(row, status, await getSettings(trx), now);
    const escalating = patch.escalate === true && row.escalated_at === null;
    await trx
      .updateTable('cases')
      .set({
        status,
        stage: patch.stage === undefined ? row.stage : patch.stage,
        fault: patch.fault ?? row.fault,
        subject: patch.subject ?? row.subject,
        assignee_id: assigneeId,
        escalated_at: escalating ? now : row.escalated_at,
        escalation_reason: escalating ? 'manual' : row.escalation_reason,
        ...deadlines,
        priority: computePriority({
          level: row.level,
          flags: row.flags,
          problems: row.problems.length,
          status,
        }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, {
      action: patch.escalate ? 'case.escalate' : 'case.update',
      targetType: 'case',
      targetId: id,
      // The audit log is append-only: a new subject (the customer's words) is kept on the case, not here.
      details: {
        ...patch,
        subject: patch.subject === undefined ? undefined : true,
        assignee: assigneeId,
        before: { status: row.status, fault: row.fault, assignee: row.assignee_id },
      },
    });
    const subject = patch.subject ?? row.subject;
    if (assigneeId !== null && assigneeId !== row.assignee_id) {
      await notify(
        trx,
        {
          kind: 'case_assigned',
          to: { users: [assigneeId], except: userIdOf(actor) },
          caseId: id,
          title: subject,
          details: { by: actorName(actor) },
          dedupeKey: `case_assigned:${id}:${now.toISOString()}`,
        },
        now,
      );
    }
    if (escalating) {
      await notify(trx, escalationNotice(id, subject, 'manual', assigneeId, actor), now);
    }
  });
  return getCaseDetail(db, id);
}

/**
 * An escalation tells the supervisors and owners, and the person holding the case, who keeps it:
 * escalating informs, it does not take the case away (Seeds: the agent who handles a difficult
 * customer is backed up, not replaced).
 */
export function escalationNotice(
  caseId: string,
  subject: string,
  reason: EscalationReason,
  assigneeId: string | null,
  actor: Actor | null,
): NewNotification {
  return {
    kind: 'case_escalated',
    to: { roles: ['supervisor', 'owner'], users: [assigneeId], except: actor ? userIdOf(actor) : null },
    caseId,
    title: subject,
    details: { reason, by: actor ? actorName(actor) : null },
    dedupeKey: `case_escalated:${caseId}`,
  };
}

function actorName(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.name : null;
}

async function requireActiveUser(db: Db, userId: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user)
    throw new AppError('bad_request', `user ${userId} does not exist`, 'assignee', {
      reason: 'user_unknown',
    });
}

/**
 * Marks cases escalated with the reason (the first escalation and its reason stay); each keeps its
 * assignee. Returns the cases escalated now, with what their notices need.
 */
export async function markCasesEscalated(
  db: Db,
  caseIds: string[],
  reason: EscalationReason,
  now: Date,
): Promise<Array<{ id: string; subject: string; status: CaseStatus; assignee_id: string | null }>> {
  if (caseIds.length === 0) return [];
  return db
    .updateTable('cases')
    .set({ escalated_at: now, escalation_reason: reason })
    .where('id', 'in', caseIds)
    .where('escalated_at', 'is', null)
    .returning(['id', 'subject', 'status', 'assignee_id'])
    .execute();
}

/**
 * Marks the cases whose next response fell due unanswered (and not paused): each such deadline once.
 * A case not yet escalated is escalated for it; one already escalated keeps its first escalation and
 * reason. Each keeps its assignee. Returns the cases marked now, with what their notices need.
 */
export async function markNextResponsesMissed(
  db: Db,
  now: Date,
): Promise<
  Array<{ id: string; subject: string; status: CaseStatus; assignee_id: string | null; due_at: Date }>
> {
  const rows = await db
    .updateTable('cases')
    .set((eb) => ({
      next_response_escalated_at: now,
      // Both read the row as it was: the first escalation and its reason stay.
      escalation_reason: eb
        .case()
        .when('escalated_at', 'is', null)
        .then(sql<EscalationReason>`'next_response_missed'`)
        .else(eb.ref('escalation_reason'))
        .end(),
      escalated_at: sql<Date>`coalesce(escalated_at, ${now})`,
    }))
    .where('next_response_due_at', 'is not', null)
    .where('next_response_due_at', '<', now)
    .where('next_response_escalated_at', 'is', null)
    .where('sla_paused_at', 'is', null)
    .returning(['id', 'subject', 'status', 'assignee_id', 'next_response_due_at'])
    .execute();
  return rows.map(({ next_response_due_at, ...row }) => ({ ...row, due_at: next_response_due_at as Date }));
}
