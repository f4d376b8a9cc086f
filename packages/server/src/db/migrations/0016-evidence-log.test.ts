import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditLogs } from '../../audit/audit-chain.ts';
import { verifyAllLogs, verifyCaseLog } from '../../cases/evidence.ts';
import { openTestDatabase, TEST_DATABASES } from '../../testing/test-app.ts';
import type { OpenDatabase } from '../database.ts';
import { legacyEntryHash } from './0016-evidence-log.ts';

const GENESIS = '0'.repeat(64);

interface OldEntry {
  body: string;
  analysis?: Record<string, unknown>;
}

/** A case and its log as CalmDesk wrote them before 0016; returns the old chain's head hash. */
async function seedOldLog(database: OpenDatabase, caseId: string, log: OldEntry[]): Promise<string> {
  const db = database.db;
  await sql`INSERT INTO customers (id, name) VALUES (${`cust-${caseId}`}, 'Mari') ON CONFLICT DO NOTHING`.execute(
    db,
  );
  await sql`INSERT INTO cases (id, customer_id, subject, channel, status)
    VALUES (${caseId}, ${`cust-${caseId}`}, 'Cut', 'visit', 'open')`.execute(db);
  let previous = GENESIS;
  for (const [i, entry] of log.entries()) {
    const fields = {
      prev_hash: previous,
      case_id: caseId,
      seq: i + 1,
      kind: 'inbound',
      author_id: null,
      body: entry.body,
      created_at: new Date(Date.UTC(2025, 4, 1, 9, i)),
      overridden_by: null,
    };
    const hash = legacyEntryHash(fields);
    await sql`INSERT INTO interactions (id, case_id, seq, kind, author_id, body, analysis, coaching,
        overridden_by, created_at, prev_hash, hash)
      VALUES (${`${caseId}-${i + 1}`}, ${caseId}, ${fields.seq}, 'inbound', NULL, ${entry.body},
        ${entry.analysis ? JSON.stringify(entry.analysis) : null}::jsonb, NULL, NULL, ${fields.created_at},
        ${previous}, ${hash})`.execute(db);
    previous = hash;
  }
  await sql`UPDATE cases SET last_seq = ${log.length}, last_hash = ${previous} WHERE id = ${caseId}`.execute(
    db,
  );
  return previous;
}

describe.each(TEST_DATABASES)('migration 0016 (evidence log) on %s', (kind) => {
  let database: OpenDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('hashes old logs again over digests, records the old head, and keeps a broken one broken', async () => {
    database = await openTestDatabase(kind, '0015-training');
    const oldHead = await seedOldLog(database, 'k1', [
      { body: 'Mu juuksed on rikutud!', analysis: { level: 'angry', flags: ['insult'] } },
      { body: 'Ootan vastust.' },
      { body: 'Tänan.' },
    ]);
    await seedOldLog(database, 'k2', []);
    await seedOldLog(database, 'k3', [{ body: 'Esimene.' }, { body: 'Teine.' }]);
    // Someone changed k3's second message before the upgrade; the old verify would have caught it.
    await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_append_only`.execute(database.db);
    await sql`UPDATE interactions SET body = 'Muudetud.' WHERE id = 'k3-2'`.execute(database.db);
    await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_append_only`.execute(database.db);
    await sql`INSERT INTO audit_log (actor, action, target_type, target_id, details) VALUES
      ('cli', 'user.add', 'user', 'u1', '{"role": "owner", "name": "Öö"}'), ('system', 'case.escalate', NULL, NULL, NULL)`.execute(
      database.db,
    );
    await database.migrate();
    const db = database.db;
    const audit = await verifyAuditLogs(db);
    expect(audit.every((chain) => chain.ok)).toBe(true);
    expect(audit.reduce((sum, chain) => sum + chain.entries, 0)).toBe(2);
    const k1 = await db
      .selectFrom('cases')
      .select(['chain_origin', 'last_seq', 'last_hash'])
      .where('id', '=', 'k1')
      .executeTakeFirstOrThrow();
    expect(k1.chain_origin).toBe(`0016:${oldHead}`);
    expect(k1.last_seq).toBe(3);
    const entries = await db
      .selectFrom('interactions')
      .select(['seq', 'prev_hash', 'hash', 'body_digest', 'analysis_digest'])
      .where('case_id', '=', 'k1')
      .orderBy('seq')
      .execute();
    expect(entries[0]?.prev_hash).toBe(`0016:${oldHead}`);
    expect(entries.at(-1)?.hash).toBe(k1.last_hash);
    expect(entries.map((e) => e.analysis_digest === null)).toEqual([false, true, true]);
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.body_digest))).toBe(true);
    expect(await verifyCaseLog(db, 'k1')).toEqual({ ok: true, entries: 3 });
    expect(await verifyCaseLog(db, 'k2')).toEqual({ ok: true, entries: 0 });
    expect(await verifyAllLogs(db)).toEqual({
      cases: 3,
      entries: 5,
      broken: [{ caseId: 'k3', brokenAt: 2, problem: 'altered_before_migration' }],
    });
  });
});
