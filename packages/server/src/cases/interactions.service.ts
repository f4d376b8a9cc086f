import {
  type Analysis,
  analyzeMessage,
  type Coaching,
  coachReply,
  extractCommitments,
  type Lang,
} from '@calmdesk/analysis';

import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hasRole, requireRole, userIdOf } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CaseRow, CaseStatus, InteractionKind, InteractionRow } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { getSettings, type Settings } from '../settings/settings.service.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { type Interaction, presentInteraction } from './present.ts';
import { computePriority, firstResponseDue, higherLevel } from './priority.ts';

/** A message body: text as typed, up to 100,000 characters (a long e-mail thread fits). */
export const BodySchema = z.string().min(1, 'the body is empty').max(100_000);

export const NewInteractionSchema = z.strictObject({
  kind: z.enum(['inbound', 'outbound', 'note', 'call']),
  body: BodySchema,
  /** Send an outbound reply despite `block` findings (supervisor or owner). */
  override: z.boolean().optional(),
});
export type NewInteraction = z.infer<typeof NewInteractionSchema>;

export async function lockCase(db: Db, caseId: string): Promise<CaseRow> {
  const { last_seq: _seq, last_hash: _hash, ...row } = await lockCaseForAppend(db, caseId);
  return row;
}

/** A case row locked for this transaction, with the seq and hash of its newest log entry. */
export type LockedCase = CaseRow & { last_seq: number | null; last_hash: string | null };

/** Locks the case and reads where its log ends, in one round trip. */
export async function lockCaseForAppend(db: Db, caseId: string): Promise<LockedCase> {
  const row = await db
    .selectFrom('cases')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('interactions')
          .select(['interactions.seq as last_seq', 'interactions.hash as last_hash'])
          .whereRef('interactions.case_id', '=', 'cases.id')
          .orderBy('interactions.seq', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .selectAll('cases')
    .select(['last.last_seq', 'last.last_hash'])
    .where('cases.id', '=', caseId)
    .forUpdate('cases')
    .executeTakeFirst();
  if (!row) throw notFound('case', caseId);
  return row;
}

/** A case just created: locked by its own transaction, with an empty log. */
export function freshCase(row: CaseRow): LockedCase {
  return { ...row, last_seq: null, last_hash: null };
}

interface Entry {
  kind: InteractionKind;
  body: string;
  authorId: string | null;
  analysis?: Analysis | undefined;
  coaching?: Coaching | undefined;
  overriddenBy?: string | null;
}

/**
 * Appends one entry to a case's log, chained to the previous one, and moves the locked row's end of
 * log along so a second append in the same transaction chains to this one.
 */
export async function appendEntry(
  db: Db,
  locked: LockedCase,
  entry: Entry,
  now: Date,
): Promise<InteractionRow> {
  const caseId = locked.id;
  const last = locked.last_seq === null ? undefined : { seq: locked.last_seq, hash: locked.last_hash ?? '' };
  const fields = {
    case_id: caseId,
    seq: (last?.seq ?? 0) + 1,
    kind: entry.kind,
    author_id: entry.authorId,
    body: entry.body,
    created_at: now,
    overridden_by: entry.overriddenBy ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const stored = await db
    .insertInto('interactions')
    .values({
      id: newId(),
      ...fields,
      analysis: entry.analysis ? JSON.stringify(entry.analysis) : null,
      coaching: entry.coaching ? JSON.stringify(entry.coaching) : null,
      hash: entryHash(fields),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  locked.last_seq = stored.seq;
  locked.last_hash = stored.hash;
  return stored;
}

/** Adds an interaction to a case in one transaction: analysis or coaching, the log entry, commitments. */
export async function addInteraction(
  db: Db,
  actor: Actor,
  caseId: string,
  input: NewInteraction,
  now: Date,
): Promise<Interaction> {
  return db.transaction().execute(async (trx) => {
    const caseRow = await lockCaseForAppend(trx, caseId);
    const settings = await getSettings(trx);
    const stored =
      input.kind === 'inbound'
        ? await receiveInbound(trx, actor, caseRow, input.body, settings, now)
        : input.kind === 'outbound'
          ? await sendReply(trx, actor, caseRow, input, settings, now)
          : await appendEntry(
              trx,
              caseRow,
              { kind: input.kind, body: input.body, authorId: userIdOf(actor) },
              now,
            );
    await recordAudit(trx, actor, {
      action: `interaction.${input.kind}`,
      targetType: 'case',
      targetId: caseId,
      details: { interaction: stored.id, seq: stored.seq },
    });
    return presentInteraction({ ...stored, author_name: actor.kind === 'user' ? actor.name : null });
  });
}

/** An inbound message: analysed, logged, and the case's level, flags, priority and due time follow it. */
export async function receiveInbound(
  db: Db,
  actor: Actor,
  caseRow: LockedCase,
  body: string,
  settings: Settings,
  now: Date,
): Promise<InteractionRow> {
  const analysis = analyzeMessage(body);
  const stored = await appendEntry(
    db,
    caseRow,
    { kind: 'inbound', body, authorId: userIdOf(actor), analysis },
    now,
  );
  const flags = union(caseRow.flags, analysis.flags);
  const problems = union(
    caseRow.problems,
    analysis.problems.map((p) => p.category),
  );
  const status: CaseStatus = caseRow.status === 'new' ? 'new' : 'open';
  const due =
    caseRow.first_responded_at === null
      ? firstResponseDue(now, analysis.level, settings.firstResponseMinutes, caseRow.first_response_due_at)
      : caseRow.first_response_due_at;
  await db
    .updateTable('cases')
    .set({
      level: analysis.level,
      peak_level: higherLevel(caseRow.peak_level, analysis.level),
      flags,
      problems,
      language: caseRow.language ?? (analysis.lang === 'und' ? null : analysis.lang),
      status,
      first_response_due_at: due,
      priority: computePriority({ level: analysis.level, flags, problems: problems.length, status }),
      updated_at: now,
    })
    .where('id', '=', caseRow.id)
    .execute();
  await storeCommitments(
    db,
    caseRow.id,
    stored,
    'customer',
    languageOf(analysis.lang, caseRow),
    settings,
    now,
  );
  await recordAbuse(db, caseRow, stored, analysis, now);
  return stored;
}

const ABUSE_FLAGS = new Set(['profanity', 'insult', 'threat_violence']);

/** Seed 003/004: abuse that reached a staff member is counted against the customer and for the agent. */
async function recordAbuse(
  db: Db,
  caseRow: CaseRow,
  entry: InteractionRow,
  analysis: Analysis,
  now: Date,
): Promise<void> {
  const flags = analysis.flags.filter((f) => ABUSE_FLAGS.has(f));
  if (flags.length === 0) return;
  const lastReply = await db
    .selectFrom('interactions')
    .select('author_id')
    .where('case_id', '=', caseRow.id)
    .where('kind', '=', 'outbound')
    .where('author_id', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await db
    .insertInto('abuse_incidents')
    .values({
      id: newId(),
      interaction_id: entry.id,
      case_id: caseRow.id,
      customer_id: caseRow.customer_id,
      target_user_id: caseRow.assignee_id ?? lastReply?.author_id ?? null,
      flags,
      level: analysis.level,
      created_at: now,
    })
    .execute();
}

async function sendReply(
  db: Db,
  actor: Actor,
  caseRow: LockedCase,
  input: NewInteraction,
  settings: Settings,
  now: Date,
): Promise<InteractionRow> {
  const coaching = coachReply(input.body, await coachContext(db, actor, caseRow, settings));
  const blocking = coaching.findings.filter((f) => f.severity === 'block');
  if (blocking.length > 0 && !input.override) {
    throw new AppError(
      'coaching_blocked',
      `the reply was not sent: ${blocking.map((f) => `${f.rule} ("${f.text}")`).join(', ')}`,
      'body',
      { findings: blocking, coaching },
    );
  }
  const overriding = blocking.length > 0;
  if (overriding) requireRole(actor, 'supervisor', 'send a reply the coach blocked');
  const stored = await appendEntry(
    db,
    caseRow,
    {
      kind: 'outbound',
      body: input.body,
      authorId: userIdOf(actor),
      coaching,
      overriddenBy: overriding ? userIdOf(actor) : null,
    },
    now,
  );
  if (overriding) {
    await recordAudit(db, actor, {
      action: 'reply.override',
      targetType: 'case',
      targetId: caseRow.id,
      details: { interaction: stored.id, findings: blocking.map((f) => f.rule) },
    });
  }
  const status: CaseStatus = ['new', 'open', 'waiting_us'].includes(caseRow.status)
    ? 'waiting_customer'
    : caseRow.status;
  await db
    .updateTable('cases')
    .set({
      first_responded_at: caseRow.first_responded_at ?? now,
      status,
      priority: computePriority({
        level: caseRow.level,
        flags: caseRow.flags,
        problems: caseRow.problems.length,
        status,
      }),
      updated_at: now,
    })
    .where('id', '=', caseRow.id)
    .execute();
  await storeCommitments(db, caseRow.id, stored, 'us', languageOf(coaching.lang, caseRow), settings, now);
  return stored;
}

async function coachContext(db: Db, actor: Actor, caseRow: CaseRow, settings: Settings) {
  const recent = await db
    .selectFrom('interactions')
    .select('analysis')
    .where('case_id', '=', caseRow.id)
    .where('kind', '=', 'inbound')
    .orderBy('seq', 'desc')
    .limit(3)
    .execute();
  const customer = await db
    .selectFrom('customers')
    .select('address_form')
    .where('id', '=', caseRow.customer_id)
    .executeTakeFirst();
  return {
    customer: recent.map((r) => r.analysis as Analysis).reverse(),
    fault: caseRow.fault,
    addressForm: customer?.address_form ?? undefined,
    problems: caseRow.problems.length,
    policy: settings.compensationPolicy,
    agentName: actor.kind === 'user' ? actor.name : undefined,
  };
}

function languageOf(detected: string, caseRow: CaseRow): Lang | undefined {
  const lang = detected === 'und' ? caseRow.language : detected;
  return lang === 'pl' || lang === 'et' || lang === 'en' ? lang : undefined;
}

async function storeCommitments(
  db: Db,
  caseId: string,
  entry: InteractionRow,
  who: 'us' | 'customer',
  lang: Lang | undefined,
  settings: Settings,
  now: Date,
): Promise<void> {
  const found = extractCommitments(entry.body, { now, timeZone: settings.timeZone, lang, author: who });
  if (found.length === 0) return;
  await db
    .insertInto('commitments')
    .values(
      found.map((c) => ({
        id: newId(),
        case_id: caseId,
        interaction_id: entry.id,
        who: c.who,
        text: c.text,
        due_at: new Date(c.dueAt),
        updated_at: now,
      })),
    )
    .execute();
}

function union(current: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...current, ...added])];
}

/** Whether this actor may send past `block` findings: used by the web app to offer the override. */
export function canOverride(actor: Actor): boolean {
  return hasRole(actor, 'supervisor');
}
