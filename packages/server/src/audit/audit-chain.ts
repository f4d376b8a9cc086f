import type { ChainProblem } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { sha256Hex } from '../cases/chain.ts';
import type { Db } from '../db/database.ts';

export interface AuditVerdict {
  orgId: number;
  shard: number;
  ok: boolean;
  entries: number;
  brokenAt?: number;
  problem?: ChainProblem;
}

interface StoredAuditEntry {
  org_id: number;
  shard: number;
  seq: number;
  prev_hash: string;
  hash: string;
  at_text: string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details_text: string | null;
}

const GENESIS_HASH = '0'.repeat(64);
const FORMAT = 'calmdesk-audit/1';

function digest(part: string | null): string {
  return part === null ? '-' : sha256Hex(part);
}

/**
 * The hash the database's trigger gave an audit entry (migration 0016), rebuilt here rather than asked
 * of the database, so a database whose functions were replaced cannot vouch for itself.
 */
export function auditEntryHash(entry: Omit<StoredAuditEntry, 'hash'>): string {
  const lines = [
    FORMAT,
    entry.prev_hash,
    String(entry.org_id),
    String(entry.shard),
    String(entry.seq),
    entry.at_text,
    digest(entry.actor),
    digest(entry.action),
    digest(entry.target_type),
    digest(entry.target_id),
    digest(entry.details_text),
  ];
  return sha256Hex(lines.join('\n'));
}

/** Audit entries read per query while a chain is walked. */
const PAGE = 5000;

/** Walks every audit chain of every organisation and holds it to the end audit_heads recorded. */
export async function verifyAuditLogs(db: Db): Promise<AuditVerdict[]> {
  const heads = await auditHeads(db);
  const verdicts: AuditVerdict[] = [];
  for (const head of heads) verdicts.push(await verifyAuditChain(db, head));
  return verdicts;
}

async function verifyAuditChain(db: Db, head: AuditHead): Promise<AuditVerdict> {
  let previous = GENESIS_HASH;
  let count = 0;
  const broken = (brokenAt: number, problem: ChainProblem): AuditVerdict => ({
    orgId: head.org_id,
    shard: head.shard,
    ok: false,
    entries: count,
    brokenAt,
    problem,
  });
  for (;;) {
    const page = await auditPage(db, head, count);
    for (const entry of page) {
      const expected = count + 1;
      if (entry.seq > expected) return broken(expected, 'missing');
      const intact =
        entry.seq === expected && entry.prev_hash === previous && auditEntryHash(entry) === entry.hash;
      count += 1;
      if (!intact) return broken(entry.seq, 'altered');
      previous = entry.hash;
    }
    if (page.length < PAGE) break;
  }
  if (count < head.last_seq) return broken(count + 1, 'missing');
  if (count > head.last_seq) return broken(head.last_seq + 1, 'unrecorded');
  if (previous !== head.last_hash) return broken(Math.max(count, 1), 'altered');
  return { orgId: head.org_id, shard: head.shard, ok: true, entries: count };
}

async function auditPage(db: Db, head: AuditHead, afterSeq: number): Promise<StoredAuditEntry[]> {
  const { rows } = await sql<StoredAuditEntry>`
    SELECT org_id, shard, seq, prev_hash, hash, actor, action, target_type, target_id,
      details::text AS details_text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at_text
    FROM audit_log WHERE org_id = ${head.org_id} AND shard = ${head.shard} AND seq > ${afterSeq}
    ORDER BY seq LIMIT ${PAGE}`.execute(db);
  return rows;
}

export interface AuditHead {
  org_id: number;
  shard: number;
  last_seq: number;
  last_hash: string;
}

/** Where each audit chain of each organisation ends now: what a checkpoint records. */
export function auditHeads(db: Db): Promise<AuditHead[]> {
  return db.selectFrom('audit_heads').selectAll().orderBy('org_id').orderBy('shard').execute();
}
