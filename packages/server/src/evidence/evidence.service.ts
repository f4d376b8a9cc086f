import type { CheckpointHeads, LogHeads, LogReport } from '@calmdesk/contracts';
import { sql } from 'kysely';
import { auditHeads, verifyAuditLogs } from '../audit/audit-chain.ts';
import { verifyAllLogs } from '../cases/evidence.ts';
import type { Db } from '../db/database.ts';

type Differ = NonNullable<LogReport['checkpoint']>['differ'][number];

/**
 * Every chain checked from its start to the end its row records (each case's log, each organisation's
 * audit log); with a checkpoint's heads, also that each chain still holds the entry the checkpoint
 * recorded at that seq, so a log rewritten with every hash and end recomputed still shows.
 */
export async function verifyEvidence(db: Db, checkpoint?: CheckpointHeads): Promise<LogReport> {
  const cases = await verifyAllLogs(db);
  const audit = await verifyAuditLogs(db);
  if (!checkpoint) return { ...cases, audit };
  const differ = [...(await caseHeadsDiffer(db, checkpoint)), ...(await auditHeadsDiffer(db, checkpoint))];
  return {
    ...cases,
    audit,
    checkpoint: { chains: checkpoint.cases.length + checkpoint.audit.length, differ },
  };
}

/** Whether a report found nothing broken. */
export function isIntact(report: LogReport): boolean {
  return (
    report.broken.length === 0 &&
    report.audit.every((chain) => chain.ok) &&
    (report.checkpoint?.differ.length ?? 0) === 0
  );
}

/**
 * Where every chain ends now, checked: the heads are read first and then held against the chains as
 * they are verified, so a checkpoint never vouches for an end its chain does not reach.
 */
export async function takeLogHeads(db: Db): Promise<LogHeads> {
  const heads = await readHeads(db);
  return { report: await verifyEvidence(db, heads), heads };
}

async function readHeads(db: Db): Promise<CheckpointHeads> {
  const cases = await db.selectFrom('cases').select(['id', 'last_seq', 'last_hash']).orderBy('id').execute();
  return {
    cases: cases.map((row) => ({ caseId: row.id, seq: row.last_seq, hash: row.last_hash })),
    audit: (await auditHeads(db)).map((row) => ({
      orgId: row.org_id,
      shard: row.shard,
      seq: row.last_seq,
      hash: row.last_hash,
    })),
  };
}

/** Heads looked up per query. */
const BATCH = 500;

async function caseHeadsDiffer(db: Db, checkpoint: CheckpointHeads): Promise<Differ[]> {
  const differ: Differ[] = [];
  for (let start = 0; start < checkpoint.cases.length; start += BATCH) {
    const batch = checkpoint.cases.slice(start, start + BATCH);
    const ids = batch.map((head) => head.caseId);
    const existing = new Set(
      (await db.selectFrom('cases').select('id').where('id', 'in', ids).execute()).map((row) => row.id),
    );
    const found = await entryHashesAt(
      db,
      batch.filter((head) => head.seq > 0),
    );
    for (const head of batch) {
      const chain = `case:${head.caseId}`;
      if (!existing.has(head.caseId)) differ.push({ chain, seq: head.seq, problem: 'missing' });
      else if (head.seq === 0) continue;
      else {
        const hash = found.get(`${head.caseId}\u0000${head.seq}`);
        if (hash !== head.hash)
          differ.push({ chain, seq: head.seq, problem: hash === undefined ? 'missing' : 'altered' });
      }
    }
  }
  return differ;
}

async function entryHashesAt(db: Db, heads: CheckpointHeads['cases']): Promise<Map<string, string>> {
  if (heads.length === 0) return new Map();
  const wanted = heads.map((head) => sql`(${head.caseId}, ${head.seq}::int)`);
  const { rows } = await sql<{ case_id: string; seq: number; hash: string }>`
    SELECT case_id, seq, hash FROM interactions WHERE (case_id, seq) IN (${sql.join(wanted)})`.execute(db);
  return new Map(rows.map((row) => [`${row.case_id}\u0000${row.seq}`, row.hash]));
}

async function auditHeadsDiffer(db: Db, checkpoint: CheckpointHeads): Promise<Differ[]> {
  const differ: Differ[] = [];
  for (const head of checkpoint.audit) {
    if (head.seq === 0) continue;
    const row = await db
      .selectFrom('audit_log')
      .select('hash')
      .where('org_id', '=', head.orgId)
      .where('shard', '=', head.shard)
      .where('seq', '=', head.seq)
      .executeTakeFirst();
    if (row?.hash !== head.hash) {
      const chain = `audit:${head.orgId}.${head.shard}`;
      differ.push({ chain, seq: head.seq, problem: row ? 'altered' : 'missing' });
    }
  }
  return differ;
}
