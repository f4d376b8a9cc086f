import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import {
  type AttachmentFacts,
  entryHash,
  GENESIS_HASH,
  migratedOrigin,
  partDigests,
} from '../../cases/chain.ts';
import { attachmentFactsOf } from '../../cases/evidence.ts';

/**
 * A log that stays evidence. Each entry keeps SHA-256 digests of its stored parts (body,
 * analysis, coaching, the attachments of the mail it came from) and its hash covers the facts and those digests, not the body itself: a body can
 * be erased on request and the chain still verifies. Every existing log is hashed again in the new
 * format; its first entry chains to `0016:<the old chain's head hash>` (cases.chain_origin), so the old
 * head stays provable. A log that did not verify in the old format is not laundered: its origin says
 * `0016-broken-at-<seq>:…` and verify-log keeps reporting it.
 *
 * The append-only trigger now lets exactly one UPDATE through: blanking body, analysis and coaching
 * with erased_at set, every other column (the digests and the chained facts) unchanged. A new trigger
 * takes an entry only as its case's recorded end.
 */
const BEFORE = [
  'DROP TRIGGER interactions_append_only ON interactions',
  'ALTER TABLE interactions ADD COLUMN body_digest text',
  'ALTER TABLE interactions ADD COLUMN analysis_digest text',
  'ALTER TABLE interactions ADD COLUMN coaching_digest text',
  'ALTER TABLE interactions ADD COLUMN attachments_digest text',
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
  // An entry is stored only as the new end of its case's log, written by the same statement (CalmDesk's
  // append moves cases.last_seq/last_hash with it): an INSERT of its own is refused, so an entry cannot
  // be slipped in behind the case's back and make the next append collide with it. Fired after the
  // statement, it sees the case row as that statement left it.
  `CREATE FUNCTION interactions_at_recorded_end() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND last_seq = NEW.seq AND last_hash = NEW.hash) THEN
        RAISE EXCEPTION 'a log entry must be stored as the end its case records (case %, seq %)', NEW.case_id, NEW.seq;
      END IF;
      RETURN NULL;
    END
  $$`,
  `CREATE TRIGGER interactions_at_recorded_end AFTER INSERT ON interactions
    FOR EACH ROW EXECUTE FUNCTION interactions_at_recorded_end()`,
];

/**
 * The audit log of staff actions becomes hash chains too: per organisation (org_id; CalmDesk has one,
 * 1), AUDIT_SHARDS chains, an entry's chain picked by its target. Its entries are written by INSERTs
 * inside other statements (auditInsert rides in data-modifying CTEs), so the database chains them: a
 * BEFORE INSERT trigger locks the chain's head row in audit_heads, which serialises the writes to one
 * chain until their transaction ends (no two can fork it), and sets shard, seq, prev_hash and hash.
 * One chain for all would queue every audited write of every case behind one lock: inbound messages on
 * PostgreSQL fell from about 1,250 to 900 a second. The hash is SHA-256 over text the verifier rebuilds
 * (audit/audit-chain.ts): the format, prev_hash, org_id, shard, seq, the time in microseconds (UTC)
 * and the digests of actor, action, target type, target id and details (jsonb's text), `-` for none.
 */
/** Audit chains per organisation. */
export const AUDIT_SHARDS = 16;

const AUDIT = [
  `CREATE TABLE audit_heads (
    org_id int NOT NULL,
    shard int NOT NULL,
    last_seq int NOT NULL DEFAULT 0,
    last_hash text NOT NULL DEFAULT '${GENESIS_HASH}',
    PRIMARY KEY (org_id, shard)
  )`,
  `INSERT INTO audit_heads (org_id, shard) SELECT 1, shard FROM generate_series(0, ${AUDIT_SHARDS - 1}) AS shard`,
  // The shard of an entry: by its target (or its action when it has none), so one target's entries
  // stay in one chain, in order. Stored on the entry and covered by its hash; never worked out again.
  `CREATE FUNCTION audit_shard(target text, action text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT (hashtext(coalesce(target, action)) & 2147483647) % ${AUDIT_SHARDS}
  $$`,
  'ALTER TABLE audit_log ADD COLUMN org_id int NOT NULL DEFAULT 1',
  'ALTER TABLE audit_log ADD COLUMN shard int NOT NULL DEFAULT 0',
  'ALTER TABLE audit_log ADD COLUMN seq int',
  'ALTER TABLE audit_log ADD COLUMN prev_hash text',
  'ALTER TABLE audit_log ADD COLUMN hash text',
  `CREATE FUNCTION evidence_digest(part text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(encode(sha256(convert_to(part, 'UTF8')), 'hex'), '-')
  $$`,
  `CREATE FUNCTION audit_entry_hash(entry audit_log) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\n',
      'calmdesk-audit/1', entry.prev_hash, entry.org_id::text, entry.shard::text, entry.seq::text,
      to_char(entry.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
      evidence_digest(entry.actor), evidence_digest(entry.action), evidence_digest(entry.target_type),
      evidence_digest(entry.target_id), evidence_digest(entry.details::text)), 'UTF8')), 'hex')
  $$`,
  'UPDATE audit_log SET shard = audit_shard(target_id, action)',
  `DO $$
    DECLARE
      entry audit_log;
      head audit_heads;
    BEGIN
      FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
        SELECT * INTO head FROM audit_heads WHERE org_id = entry.org_id AND shard = entry.shard;
        entry.seq := head.last_seq + 1;
        entry.prev_hash := head.last_hash;
        UPDATE audit_log SET seq = entry.seq, prev_hash = entry.prev_hash, hash = audit_entry_hash(entry)
          WHERE id = entry.id RETURNING hash INTO head.last_hash;
        UPDATE audit_heads SET last_seq = entry.seq, last_hash = head.last_hash
          WHERE org_id = entry.org_id AND shard = entry.shard;
      END LOOP;
    END
  $$`,
  'ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL',
  'ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL',
  'ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL',
  'ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain UNIQUE (org_id, shard, seq)',
  `CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      head audit_heads;
    BEGIN
      NEW.shard := audit_shard(NEW.target_id, NEW.action);
      SELECT * INTO head FROM audit_heads WHERE org_id = NEW.org_id AND shard = NEW.shard FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'no audit chain % for organisation %', NEW.shard, NEW.org_id;
      END IF;
      NEW.seq := head.last_seq + 1;
      NEW.prev_hash := head.last_hash;
      NEW.hash := audit_entry_hash(NEW);
      UPDATE audit_heads SET last_seq = NEW.seq, last_hash = NEW.hash
        WHERE org_id = NEW.org_id AND shard = NEW.shard;
      RETURN NEW;
    END
  $$`,
  `CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`,
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only';
    END
  $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
];

/** Cases whose logs are hashed again per round: few enough that their entries fit in memory. */
const BATCH = 100;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of BEFORE) await sql.raw(statement).execute(db);
  await rechainAll(db);
  for (const statement of [...AFTER, ...AUDIT]) await sql.raw(statement).execute(db);
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
    const attachments = await attachmentFactsOf(
      db,
      batch.map((head) => head.id),
    );
    for (const head of batch)
      await rechainCase(
        db,
        head,
        entries.filter((e) => e.case_id === head.id),
        attachments,
      );
  }
}

interface OldHead {
  id: string;
  last_seq: number;
  last_hash: string;
}

async function rechainCase(
  db: Kysely<unknown>,
  head: OldHead,
  entries: OldEntry[],
  attachments: Map<string, AttachmentFacts[]>,
): Promise<void> {
  const origin = migratedOrigin(head.last_hash, legacyBrokenAt(entries, head));
  let previous = origin;
  const updated = entries.map((entry) => {
    const parts = { ...entry, attachments: attachments.get(entry.id) ?? [] };
    const fields = { ...entry, ...partDigests(parts), prev_hash: previous };
    previous = entryHash(fields as Parameters<typeof entryHash>[0]);
    return { ...fields, hash: previous };
  });
  const values = updated.map(
    (e) =>
      sql`(${e.id}, ${e.body_digest}, ${e.analysis_digest}::text, ${e.coaching_digest}::text,
        ${e.attachments_digest}::text, ${e.prev_hash}, ${e.hash})`,
  );
  if (values.length > 0) {
    await sql`UPDATE interactions SET body_digest = v.body_digest, analysis_digest = v.analysis_digest,
        coaching_digest = v.coaching_digest, attachments_digest = v.attachments_digest,
        prev_hash = v.prev_hash, hash = v.hash
      FROM (VALUES ${sql.join(values)})
        AS v (id, body_digest, analysis_digest, coaching_digest, attachments_digest, prev_hash, hash)
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
