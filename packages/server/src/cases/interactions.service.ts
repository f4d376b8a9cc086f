import {
  type Analysis,
  analyzeMessage,
  type Coaching,
  type Commitment,
  coachReply,
  extractCommitments,
  type Lang,
} from '@calmdesk/analysis';
import type { CallDetails, MessageVia, NewInteraction } from '@calmdesk/contracts';
import { type CompiledQuery, type InferResult, type OperationNodeSource, sql } from 'kysely';
import { auditInsert } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { hasRole, requireRole, userIdOf } from '../auth/actor.ts';
import { commitmentsInsertOf } from '../commitments/commitments.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CaseRow, CaseStatus, InteractionKind, InteractionRow } from '../db/schema.ts';
import { SERIALIZATION_FAILURE, sqlStateOf } from '../db/sql-state.ts';
import { AppError, notFound } from '../errors.ts';
import { notificationsInsert } from '../notifications/notifications.service.ts';
import { SETTINGS_COLUMNS, type Settings, splitSettings } from '../settings/settings.service.ts';
import { type AttachmentFacts, entryHash, partDigests } from './chain.ts';
import { type Interaction, presentInteraction } from './present.ts';
import { computePriority, higherLevel } from './priority.ts';
import { type CaseWithSettings, recentCasesOf } from './recent-cases.ts';
import { deadlinesOnInbound, deadlinesOnReply, type SlaChanges } from './sla.ts';

/**
 * Locks the case for this transaction and reads it, where its log ends included: a statement that
 * waited for the lock sees the row as the other writer left it (PostgreSQL re-reads its newest version),
 * which is why the end of the log lives on the case row (last_seq, last_hash).
 */
export async function lockCase(db: Db, caseId: string): Promise<CaseRow> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('case', caseId);
  return row;
}

/** lockCase that also reads the organisation's settings, with no round trip more. */
export function lockCaseWithSettings(db: Db, caseId: string): Promise<CaseWithSettings> {
  return readCaseWithSettings(db, caseId, 'lock');
}

/** The case and the settings as they are now, unlocked: a writer checks both versions when it writes. */
export async function readCaseWithSettings(
  db: Db,
  caseId: string,
  mode: 'lock' | 'read' = 'read',
): Promise<CaseWithSettings> {
  const { rows } = await db.executeQuery(compiledCaseWithSettings(db, caseId, mode));
  const row = rows[0];
  if (!row) throw notFound('case', caseId);
  const {
    settings,
    rest: { settings_version, ...caseRow },
  } = splitSettings(row);
  return { caseRow, settingsVersion: settings_version, settings };
}

/** Stands for the case id in the query compiled once. */
const CASE_ID_SLOT = '\u0000case-id';

function caseAndSettingsQuery(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .leftJoin('organisation', (join) => join.on('organisation.id', '=', 1))
    .selectAll('cases')
    .select(SETTINGS_COLUMNS)
    .select('organisation.version as settings_version')
    .where('cases.id', '=', caseId);
}

// Building and compiling this query was about a twentieth of an inbound message's CPU, and only the
// case id changes: it is compiled once per mode (the SQL is the same for every PostgreSQL and PGlite database).
type CaseWithSettingsRow = InferResult<ReturnType<typeof caseAndSettingsQuery>>[number];
const caseWithSettingsTemplates = new Map<'lock' | 'read', CompiledQuery<CaseWithSettingsRow>>();

function compiledCaseWithSettings(
  db: Db,
  caseId: string,
  mode: 'lock' | 'read',
): CompiledQuery<CaseWithSettingsRow> {
  let template = caseWithSettingsTemplates.get(mode);
  if (!template) {
    const query = caseAndSettingsQuery(db, CASE_ID_SLOT);
    template = (mode === 'lock' ? query.forUpdate(['cases']) : query).compile();
    caseWithSettingsTemplates.set(mode, template);
  }
  return { ...template, parameters: template.parameters.map((p) => (p === CASE_ID_SLOT ? caseId : p)) };
}

interface Entry {
  kind: InteractionKind;
  body: string;
  authorId: string | null;
  analysis?: Analysis | undefined;
  coaching?: Coaching | undefined;
  overriddenBy?: string | null;
  attachments?: readonly AttachmentFacts[] | undefined;
  via?: MessageVia | undefined;
  call?: CallDetails | undefined;
}

/**
 * What an entry stores beside its text, known to its caller: the attachments of the mail it came from,
 * or how a message logged by hand reached us.
 */
export interface EntryExtras {
  attachments?: readonly AttachmentFacts[];
  via?: MessageVia | undefined;
}

/**
 * A write (an INSERT or UPDATE builder, not yet run) that rides in the statement storing a log entry as
 * a data-modifying CTE: no round trip of its own.
 */
type Companion = OperationNodeSource;

/** The writes that go with an entry, given its id and seq (both known before it is stored). */
export type Companions = (entry: Pick<InteractionRow, 'id' | 'seq'>) => Companion[];

/** Changes to the case row that go with an entry, as plain values (they also update the caller's copy). */
type CaseChanges = Partial<
  Pick<
    CaseRow,
    | 'level'
    | 'peak_level'
    | 'flags'
    | 'problems'
    | 'language'
    | 'status'
    | 'priority'
    | 'first_responded_at'
    | 'updated_at'
  >
> &
  SlaChanges;

/**
 * Appends one entry to a case's log, chained to the previous one. The case changes and the companions
 * are written by the same statement: they see the database as it was before it, and foreign keys to the
 * new entry are checked at its end. Afterwards the caller's copy of the case is the row as written, so
 * the next append chains to this one.
 *
 * The case is written only if its version (and the settings' version, when given) is still the one in
 * `read`: when another writer got there first, `case_changed()` fails the whole statement (SQLSTATE
 * 40001) and nothing is written. Under a lock that cannot happen; without one, the caller reads again.
 */
async function appendEntry(
  db: Db,
  read: CaseWithSettings,
  entry: Entry,
  now: Date,
  companions?: Companions,
  caseChanges?: CaseChanges,
): Promise<InteractionRow> {
  const { caseRow, settingsVersion } = read;
  const fields = {
    case_id: caseRow.id,
    seq: caseRow.last_seq + 1,
    kind: entry.kind,
    author_id: entry.authorId,
    body: entry.body,
    created_at: now,
    overridden_by: entry.overriddenBy ?? null,
    prev_hash: caseRow.last_hash,
    via: entry.via ?? null,
    call_direction: entry.call?.direction ?? null,
    call_minutes: entry.call?.minutes ?? null,
    ...partDigests({
      body: entry.body,
      analysis: entry.analysis ?? null,
      coaching: entry.coaching ?? null,
      attachments: entry.attachments ?? [],
    }),
  };
  const id = newId();
  const hash = entryHash(fields);
  let caseUpdate = db
    .updateTable('cases')
    .set({ ...caseChanges, last_seq: fields.seq, last_hash: hash })
    .where('id', '=', caseRow.id)
    .where('version', '=', caseRow.version)
    .returning('last_seq');
  if (settingsVersion !== undefined) {
    const settingsNow = db.selectFrom('organisation').select('version').where('id', '=', 1);
    caseUpdate = caseUpdate.where((eb) => eb(settingsNow, 'is not distinct from', settingsVersion));
  }
  const insert = db
    .insertInto('interactions')
    .values({
      id,
      ...fields,
      seq: sql<number>`coalesce((SELECT last_seq FROM case_update), case_changed())`,
      analysis: entry.analysis ? JSON.stringify(entry.analysis) : null,
      coaching: entry.coaching ? JSON.stringify(entry.coaching) : null,
      hash,
    })
    // Everything stored is known here: reading the entry back (its analysis parsed again) is wasted work.
    .returning('id');
  await withCompanions(db, caseUpdate, insert, companions?.({ id, seq: fields.seq }) ?? []).catch((error) => {
    throw isSeqTaken(error) ? entryBehindCasesBack(caseRow.id, fields.seq) : error;
  });
  const stored: InteractionRow = {
    id,
    ...fields,
    analysis: entry.analysis ?? null,
    coaching: entry.coaching ?? null,
    erased_at: null,
    hash,
  };
  Object.assign(caseRow, caseChanges, {
    last_seq: stored.seq,
    last_hash: stored.hash,
    version: caseRow.version + 1,
  });
  return stored;
}

/**
 * `WITH case_update AS (…), write_0 AS (…), …, entry AS (INSERT … RETURNING id) SELECT id FROM entry`:
 * all of it one statement, so one round trip, and it succeeds or fails whole.
 */
async function withCompanions(
  db: Db,
  caseUpdate: OperationNodeSource,
  insert: OperationNodeSource,
  writes: readonly Companion[],
): Promise<void> {
  const ctes = [
    sql`case_update AS (${caseUpdate})`,
    ...writes.map((write, i) => sql`${sql.id(`write_${i}`)} AS (${write})`),
  ];
  const { rows } = await sql<{
    id: string;
  }>`WITH ${sql.join(ctes)}, entry AS (${insert}) SELECT id FROM entry`.execute(db);
  if (rows.length !== 1) throw new Error('the log entry was not stored');
}

/** SQLSTATE unique_violation on (case_id, seq). */
const UNIQUE_VIOLATION = '23505';

function isSeqTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  const named = constraint ?? message;
  return code === UNIQUE_VIOLATION && typeof named === 'string' && named.includes('interactions_case_id_seq');
}

/**
 * The case records its log as ending before an entry that exists: someone with the database's superuser
 * rights stored it past the trigger. Chaining onto it would make it look genuine, so the case takes no
 * entry until the owner has looked (verify-log names it).
 */
function entryBehindCasesBack(caseId: string, seq: number): AppError {
  return new AppError(
    'conflict',
    `case ${caseId} has a log entry ${seq} it did not record: it was written outside CalmDesk; run calmdesk verify-log`,
  );
}

/** Raised by case_changed() when an unlocked writer lost the race. */
function isCaseChanged(error: unknown): boolean {
  return sqlStateOf(error) === SERIALIZATION_FAILURE;
}

/**
 * Unlocked tries before an append locks the case: each costs two round trips where a locked one costs
 * four, and a case many writers are racing for still gets its entry in, in turn.
 */
const UNLOCKED_TRIES = 3;

/**
 * Adds an interaction to a case: analysis or coaching, the log entry, commitments, the audit, all written
 * by one statement. It reads the case unlocked and writes only if nobody changed it meanwhile; after
 * UNLOCKED_TRIES lost races (or inside a caller's transaction) it locks the case instead.
 */
export async function addInteraction(
  db: Db,
  actor: Actor,
  caseId: string,
  input: NewInteraction,
  now: Date,
  alsoWrite?: Companions,
  extras: EntryExtras = {},
): Promise<Interaction> {
  if (!db.isTransaction) {
    const recent = recentCasesOf(db);
    for (let attempt = 1; attempt <= UNLOCKED_TRIES; attempt++) {
      const read = (attempt === 1 && recent.get(caseId)) || (await readCaseWithSettings(db, caseId));
      try {
        const added = await appendInteraction(db, actor, read, input, now, alsoWrite, extras);
        recent.remember(read);
        return added;
      } catch (error) {
        recent.forget(caseId);
        if (!isCaseChanged(error)) throw error;
      }
    }
  }
  const locked = async (trx: Db) =>
    appendInteraction(trx, actor, await lockCaseWithSettings(trx, caseId), input, now, alsoWrite, extras);
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}

/** Adds an interaction given the case as read; fails with SQLSTATE 40001 when the case changed since. */
export async function appendInteraction(
  db: Db,
  actor: Actor,
  read: CaseWithSettings,
  input: NewInteraction,
  now: Date,
  alsoWrite?: Companions,
  extras: EntryExtras = {},
): Promise<Interaction> {
  const caseId = read.caseRow.id;
  const audit: Companions = (entry) => [
    auditInsert(db, actor, {
      action: `interaction.${input.kind}`,
      targetType: 'case',
      targetId: caseId,
      details: { interaction: entry.id, seq: entry.seq },
    }),
    ...(alsoWrite?.(entry) ?? []),
  ];
  const stored =
    input.kind === 'inbound'
      ? await receiveInbound(db, actor, read, input.body, now, audit, { ...extras, via: input.via })
      : input.kind === 'outbound'
        ? await sendReply(db, actor, read, input, now, audit)
        : await appendEntry(
            db,
            read,
            { kind: input.kind, body: input.body, authorId: userIdOf(actor), call: input.call },
            now,
            audit,
          );
  return presentInteraction({ ...stored, author_name: actor.kind === 'user' ? actor.name : null });
}

/**
 * An inbound message: analysed, logged, and the case's level, flags, priority and due time follow it;
 * its commitments, an abuse incident and the caller's companions (the audit) go in the same statement.
 */
export async function receiveInbound(
  db: Db,
  actor: Actor,
  read: CaseWithSettings,
  body: string,
  now: Date,
  companions?: Companions,
  extras: EntryExtras = {},
): Promise<InteractionRow> {
  const { caseRow, settings } = read;
  const analysis = analyzeMessage(body);
  const flags = union(caseRow.flags, analysis.flags);
  const problems = union(
    caseRow.problems,
    analysis.problems.map((p) => p.category),
  );
  const status: CaseStatus = caseRow.status === 'new' ? 'new' : 'open';
  const commitments = extractCommitments(body, {
    now,
    timeZone: settings.timeZone,
    lang: languageOf(analysis.lang, caseRow),
    author: 'customer',
  });
  const caseChanges: CaseChanges = {
    level: analysis.level,
    peak_level: higherLevel(caseRow.peak_level, analysis.level),
    flags,
    problems,
    language: caseRow.language ?? (analysis.lang === 'und' ? null : analysis.lang),
    status,
    ...deadlinesOnInbound(caseRow, analysis.level, settings, now),
    priority: computePriority({ level: analysis.level, flags, problems: problems.length, status }),
    updated_at: now,
  };
  return appendEntry(
    db,
    read,
    {
      kind: 'inbound',
      body,
      authorId: userIdOf(actor),
      analysis,
      attachments: extras.attachments,
      via: extras.via,
    },
    now,
    (entry) => [
      ...commitmentsInsert(db, caseRow.id, entry.id, commitments, now),
      ...abuseInsert(db, caseRow, entry.id, analysis, now),
      ...toldTheAssignee(actor, caseRow, entry.id, analysis, now),
      ...(companions?.(entry) ?? []),
    ],
    caseChanges,
  );
}

/** The customer wrote again on a case someone holds: they are told (unless they logged it themselves). */
function toldTheAssignee(
  actor: Actor,
  caseRow: CaseRow,
  interactionId: string,
  analysis: Analysis,
  now: Date,
): Companion[] {
  if (!caseRow.assignee_id || caseRow.assignee_id === userIdOf(actor)) return [];
  return [
    notificationsInsert(
      [
        {
          kind: 'customer_wrote',
          to: { users: [caseRow.assignee_id] },
          caseId: caseRow.id,
          title: caseRow.subject,
          details: { level: analysis.level },
          dedupeKey: `customer_wrote:${interactionId}`,
        },
      ],
      now,
    ),
  ];
}

const ABUSE_FLAGS = new Set(['profanity', 'insult', 'threat_violence']);

/**
 * Seed 003/004: abuse that reached a staff member is counted against the customer and for the agent
 * (the assignee, else the author of our last reply).
 */
function abuseInsert(
  db: Db,
  caseRow: CaseRow,
  interactionId: string,
  analysis: Analysis,
  now: Date,
): Companion[] {
  const flags = analysis.flags.filter((f) => ABUSE_FLAGS.has(f));
  if (flags.length === 0) return [];
  const lastReplyAuthor = db
    .selectFrom('interactions')
    .select('author_id')
    .where('case_id', '=', caseRow.id)
    .where('kind', '=', 'outbound')
    .where('author_id', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1);
  return [
    db.insertInto('abuse_incidents').values({
      id: newId(),
      interaction_id: interactionId,
      case_id: caseRow.id,
      customer_id: caseRow.customer_id,
      target_user_id: caseRow.assignee_id ?? lastReplyAuthor,
      flags,
      level: analysis.level,
      created_at: now,
    }),
  ];
}

async function sendReply(
  db: Db,
  actor: Actor,
  read: CaseWithSettings,
  input: NewInteraction,
  now: Date,
  companions?: Companions,
): Promise<InteractionRow> {
  const { caseRow, settings } = read;
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
  const status: CaseStatus = ['new', 'open', 'waiting_us'].includes(caseRow.status)
    ? 'waiting_customer'
    : caseRow.status;
  const caseChanges: CaseChanges = {
    first_responded_at: caseRow.first_responded_at ?? now,
    ...deadlinesOnReply(),
    status,
    priority: computePriority({
      level: caseRow.level,
      flags: caseRow.flags,
      problems: caseRow.problems.length,
      status,
    }),
    updated_at: now,
  };
  const promised = extractCommitments(input.body, {
    now,
    timeZone: settings.timeZone,
    lang: languageOf(coaching.lang, caseRow),
    author: 'us',
  });
  return appendEntry(
    db,
    read,
    {
      kind: 'outbound',
      body: input.body,
      authorId: userIdOf(actor),
      coaching,
      overriddenBy: overriding ? userIdOf(actor) : null,
    },
    now,
    (entry) => [
      ...(overriding
        ? [
            auditInsert(db, actor, {
              action: 'reply.override',
              targetType: 'case',
              targetId: caseRow.id,
              details: { interaction: entry.id, findings: blocking.map((f) => f.rule) },
            }),
          ]
        : []),
      ...(companions?.(entry) ?? []),
      ...commitmentsInsert(db, caseRow.id, entry.id, promised, now),
    ],
    caseChanges,
  );
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

function commitmentsInsert(
  db: Db,
  caseId: string,
  interactionId: string,
  found: readonly Commitment[],
  now: Date,
): Companion[] {
  return found.length === 0 ? [] : [commitmentsInsertOf(db, { caseId, interactionId, found, now })];
}

function union(current: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...current, ...added])];
}

/** Whether this actor may send past `block` findings: used by the web app to offer the override. */
export function canOverride(actor: Actor): boolean {
  return hasRole(actor, 'supervisor');
}
