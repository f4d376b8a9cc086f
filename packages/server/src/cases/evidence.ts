import { type QueryExecutorProvider, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import {
  type AttachmentFacts,
  type ChainEnds,
  type ChainVerdict,
  ERASED_BODY,
  type StoredEntry,
  verifyChain,
} from './chain.ts';

/**
 * Erases the stored parts of log entries (the body, the analysis, the coaching) for a GDPR erasure:
 * the body becomes ERASED_BODY, analysis and coaching null, `erased_at` is set. The digests and every
 * chained fact stay, so the chain, the case's end and any checkpoint still verify; the database's
 * append-only trigger allows exactly this update and nothing else. It records no audit entry: the
 * caller audits the erasure as a whole. Returns how many entries were erased now (already erased ones
 * are left as they are). A column an erasure should also set must join `stored_parts` in the trigger
 * (migration 0016 `interactions_append_only`), which otherwise refuses any change to it.
 *
 * @example await eraseEntryParts(db, ['01HX…', '01HY…'], new Date())
 */
export async function eraseEntryParts(db: Db, interactionIds: readonly string[], now: Date): Promise<number> {
  if (interactionIds.length === 0) return 0;
  const erased = await db
    .updateTable('interactions')
    .set({ body: ERASED_BODY, analysis: null, coaching: null, erased_at: now })
    .where('id', 'in', interactionIds)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(erased.numUpdatedRows);
}

/** One case's log checked from its first entry to the end its case row recorded. */
export async function verifyCaseLog(db: Db, caseId: string): Promise<ChainVerdict> {
  const ends = await chainEnds(db, [caseId]);
  const caseEnds = ends.get(caseId);
  if (!caseEnds) throw notFound('case', caseId);
  return verifyChain(await storedEntries(db, [caseId]), caseEnds);
}

export interface BrokenChain {
  caseId: string;
  brokenAt: number;
  problem: NonNullable<ChainVerdict['problem']>;
}

/** Cases whose logs are read in one query by verifyAllLogs: few enough that their entries fit in memory. */
const VERIFY_BATCH = 200;

/** Checks every case's chain; returns the broken ones, each with its first broken entry. */
export async function verifyAllLogs(
  db: Db,
): Promise<{ cases: number; entries: number; broken: BrokenChain[] }> {
  const ids = (await db.selectFrom('cases').select('id').orderBy('created_at').orderBy('id').execute()).map(
    (row) => row.id,
  );
  let entries = 0;
  const broken: BrokenChain[] = [];
  for (let start = 0; start < ids.length; start += VERIFY_BATCH) {
    const batch = ids.slice(start, start + VERIFY_BATCH);
    const endsOf = await chainEnds(db, batch);
    const entriesOf = groupByCase(await storedEntries(db, batch));
    for (const id of batch) {
      const ends = endsOf.get(id);
      if (!ends) continue;
      const verdict = verifyChain(entriesOf.get(id) ?? [], ends);
      entries += verdict.entries;
      if (!verdict.ok)
        broken.push({ caseId: id, brokenAt: verdict.brokenAt ?? 0, problem: verdict.problem ?? 'altered' });
    }
  }
  return { cases: ids.length, entries, broken };
}

async function chainEnds(db: Db, caseIds: string[]): Promise<Map<string, ChainEnds>> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'chain_origin', 'last_seq', 'last_hash'])
    .where('id', 'in', caseIds)
    .execute();
  return new Map(
    rows.map((row) => [row.id, { origin: row.chain_origin, lastSeq: row.last_seq, lastHash: row.last_hash }]),
  );
}

/**
 * The attachments of the mails these cases' entries came from, by entry id. Their contents' digests are
 * computed by the database: reading every attachment (up to 25 MB each) into memory to hash it here
 * would make verifying a large mailbox's cases a memory hazard.
 */
export async function attachmentFactsOf(
  db: QueryExecutorProvider,
  caseIds: readonly string[],
): Promise<Map<string, AttachmentFacts[]>> {
  const byEntry = new Map<string, AttachmentFacts[]>();
  if (caseIds.length === 0) return byEntry;
  const { rows } = await sql<AttachmentFacts & { interaction_id: string }>`
    SELECT m.interaction_id, a.filename, a.content_type, a.disposition, a.content_id, a.size, a.note,
      encode(sha256(a.content), 'hex') AS content_digest
    FROM mail_attachments a JOIN mail_messages m ON m.id = a.message_id
    WHERE m.case_id IN (${sql.join(caseIds)}) AND m.interaction_id IS NOT NULL`.execute(db);
  for (const { interaction_id, ...facts } of rows) {
    const list = byEntry.get(interaction_id);
    if (list) list.push(facts);
    else byEntry.set(interaction_id, [facts]);
  }
  return byEntry;
}

/** The log entries of these cases, oldest first, with everything their hashes and digests cover. */
async function storedEntries(db: Db, caseIds: string[]): Promise<StoredEntry[]> {
  const attachments = await attachmentFactsOf(db, caseIds);
  const entries = await db
    .selectFrom('interactions')
    .select([
      'case_id',
      'seq',
      'kind',
      'author_id',
      'created_at',
      'overridden_by',
      'prev_hash',
      'hash',
      'body',
      'analysis',
      'coaching',
      'body_digest',
      'analysis_digest',
      'coaching_digest',
      'attachments_digest',
      'via',
      'call_direction',
      'call_minutes',
      'erased_at',
      'id',
    ])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
  return entries.map(({ id, ...entry }) => ({ ...entry, attachments: attachments.get(id) ?? [] }));
}

function groupByCase<T extends { case_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.case_id);
    if (list) list.push(row);
    else grouped.set(row.case_id, [row]);
  }
  return grouped;
}
