import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { entryHash, GENESIS_HASH, migratedOrigin, partDigests } from '../../cases/chain.ts';

/**
 * A log that stays evidence (issue #15). Each entry keeps SHA-256 digests of its stored parts (body,
 * analysis, coaching) and its hash covers the facts and those digests, not the body itself: a body can
 * be erased on request and the chain still verifies. Every existing log is hashed again in the new
 * format; its first entry chains to `0016:<the old chain's head hash>` (cases.chain_origin), so the old
 * head stays provable. A log that did not verify in the old format is not laundered: its origin says
 * `0016-broken-at-<seq>:…` and verify-log keeps reporting it.
 *
 * The append-only trigger now lets exactly one UPDATE through: blanking body, analysis and coaching
 * with erased_at set, every other column (the digests and the chained facts) unchanged.
 */
const BEFORE = [
  'DROP TRIGGER interactions_append_only ON interactions',
  'ALTER TABLE interactions ADD COLUMN body_digest text',
  'ALTER TABLE interactions ADD COLUMN analysis_digest text',
  'ALTER TABLE interactions ADD COLUMN coaching_digest text',
  'ALTER TABLE interactions ADD COLUMN erased_at timestamptz',
  `ALTER TABLE cases ADD COLUMN chain_origin text NOT NULL DEFAULT '${GENESIS_HASH}'`,
];

const AFTER = [
  'ALTER TABLE interactions ALTER COLUMN body_digest SET NOT NULL',
  `CREATE OR REPLACE FUNCTION interactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      stored_parts constant text[] := ARRAY['body', 'analysis', 'coaching', 'erased_at'];
    BEGIN
      IF TG_OP = 'UPDATE'
        AND NEW.erased_at IS NOT NULL
        AND (OLD.erased_at IS NULL OR NEW.erased_at = OLD.erased_at)
        AND (NEW.body IS NOT DISTINCT FROM OLD.body OR NEW.body = '' OR NEW.body IS NULL)
        AND (NEW.analysis IS NOT DISTINCT FROM OLD.analysis OR NEW.analysis IS NULL)
        AND (NEW.coaching IS NOT DISTINCT FROM OLD.coaching OR NEW.coaching IS NULL)
        AND to_jsonb(NEW) - stored_parts = to_jsonb(OLD) - stored_parts
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'interactions are append-only (only erasing their stored parts is allowed)';
    END
  $$`,
  `CREATE TRIGGER interactions_append_only BEFORE UPDATE OR DELETE ON interactions
    FOR EACH ROW EXECUTE FUNCTION interactions_append_only()`,
];

/** Cases whose logs are hashed again per round: few enough that their entries fit in memory. */
const BATCH = 100;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of BEFORE) await sql.raw(statement).execute(db);
  await rechainAll(db);
  for (const statement of AFTER) await sql.raw(statement).execute(db);
}

interface OldEntry {
  id: string;
  case_id: string;
  seq: number;
  kind: string;
  author_id: string | null;
  body: string;
  analysis: unknown;
  coaching: unknown;
  overridden_by: string | null;
  created_at: Date;
  prev_hash: string;
  hash: string;
}

async function rechainAll(db: Kysely<unknown>): Promise<void> {
  const { rows: heads } = await sql<OldHead>`
    SELECT id, last_seq, last_hash FROM cases WHERE last_seq > 0 OR EXISTS
      (SELECT 1 FROM interactions WHERE case_id = cases.id) ORDER BY id`.execute(db);
  for (let start = 0; start < heads.length; start += BATCH) {
    const batch = heads.slice(start, start + BATCH);
    const { rows: entries } = await sql<OldEntry>`
      SELECT id, case_id, seq, kind, author_id, body, analysis, coaching, overridden_by, created_at, prev_hash, hash
      FROM interactions WHERE case_id IN (${sql.join(batch.map((head) => head.id))})
      ORDER BY case_id, seq`.execute(db);
    for (const head of batch)
      await rechainCase(
        db,
        head,
        entries.filter((e) => e.case_id === head.id),
      );
  }
}

interface OldHead {
  id: string;
  last_seq: number;
  last_hash: string;
}

async function rechainCase(db: Kysely<unknown>, head: OldHead, entries: OldEntry[]): Promise<void> {
  const origin = migratedOrigin(head.last_hash, legacyBrokenAt(entries, head));
  let previous = origin;
  const updated = entries.map((entry) => {
    const fields = { ...entry, ...partDigests(entry), prev_hash: previous };
    previous = entryHash(fields as Parameters<typeof entryHash>[0]);
    return { ...fields, hash: previous };
  });
  const values = updated.map(
    (e) =>
      sql`(${e.id}, ${e.body_digest}, ${e.analysis_digest}::text, ${e.coaching_digest}::text, ${e.prev_hash}, ${e.hash})`,
  );
  if (values.length > 0) {
    await sql`UPDATE interactions SET body_digest = v.body_digest, analysis_digest = v.analysis_digest,
        coaching_digest = v.coaching_digest, prev_hash = v.prev_hash, hash = v.hash
      FROM (VALUES ${sql.join(values)}) AS v (id, body_digest, analysis_digest, coaching_digest, prev_hash, hash)
      WHERE interactions.id = v.id`.execute(db);
  }
  await sql`UPDATE cases SET chain_origin = ${origin}, last_seq = ${entries.length}, last_hash = ${previous}
    WHERE id = ${head.id}`.execute(db);
}

/** The hash of an entry as CalmDesk wrote it before 0016: over the body itself, analysis left out. */
export function legacyEntryHash(
  entry: Pick<
    OldEntry,
    'prev_hash' | 'case_id' | 'seq' | 'kind' | 'author_id' | 'body' | 'created_at' | 'overridden_by'
  >,
): string {
  const facts = [
    entry.prev_hash,
    entry.case_id,
    entry.seq,
    entry.kind,
    entry.author_id,
    entry.body,
    entry.created_at.toISOString(),
    entry.overridden_by,
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

/**
 * The first entry of an old-format log that did not verify, or did not end where its case said it
 * did; undefined when it all did.
 */
function legacyBrokenAt(entries: OldEntry[], head: OldHead): number | undefined {
  let previous = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    if (entry.seq !== i + 1 || entry.prev_hash !== previous || legacyEntryHash(entry) !== entry.hash)
      return i + 1;
    previous = entry.hash;
  }
  if (entries.length !== head.last_seq || previous !== head.last_hash)
    return Math.min(entries.length, head.last_seq) + 1;
  return undefined;
}
