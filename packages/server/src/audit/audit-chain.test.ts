import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { withTriggerOff } from '../db/triggers.test-helper.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { recordAudit, recordSystemAudit } from './audit.service.ts';
import { verifyAuditLogs } from './audit-chain.ts';

/** Changes the audit log as someone with the database's superuser rights can. */
const asSuperuser = (db: Db, change: () => Promise<unknown>) =>
  withTriggerOff(db, 'audit_log', 'audit_log_append_only', change);

describe.each(TEST_DATABASES)('the audit chain on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
  });
  afterAll(() => t.close());

  const newest = async () =>
    db.selectFrom('audit_log').select(['id', 'seq', 'shard']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const total = (verdicts: Array<{ entries: number }>) => verdicts.reduce((sum, v) => sum + v.entries, 0);

  it('chains writes racing each other into unbroken lines, one transaction in one, and refuses changes', async () => {
    const before = await verifyAuditLogs(db);
    expect(before.every((chain) => chain.ok && chain.orgId === 1)).toBe(true);
    expect(before.length).toBeGreaterThan(1);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? recordSystemAudit(db, [{ action: 'case.escalate', targetId: `k${i}` }, { action: 'case.remind' }])
          : recordAudit(db, CLI_ACTOR, { action: 'token.create', details: { label: `nr ${i}`, ä: 'ü' } }),
      ),
    );
    const after = await verifyAuditLogs(db);
    expect(after.every((chain) => chain.ok)).toBe(true);
    expect(total(after)).toBe(total(before) + 16);
    const rows = await db.selectFrom('audit_log').select(['shard', 'seq', 'target_id', 'action']).execute();
    for (const shard of new Set(rows.map((row) => row.shard))) {
      const seqs = rows.filter((row) => row.shard === shard).map((row) => row.seq);
      expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i + 1));
    }
    // Each escalation and its reminder were written in one transaction: one chain, one after the other.
    const escalations = rows.filter((row) => row.action === 'case.escalate');
    expect(escalations).toHaveLength(4);
    for (const { shard, seq } of escalations) {
      expect(rows).toContainEqual(expect.objectContaining({ action: 'case.remind', shard, seq: seq + 1 }));
    }
    expect(new Set(rows.map((row) => row.shard)).size).toBeGreaterThan(1);
    const { id } = await newest();
    await expect(
      db.updateTable('audit_log').set({ actor: 'someone' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
  });

  it('runs transactions that audit two targets in opposite orders at once, without a deadlock', async () => {
    const auditBoth = (first: string, second: string) =>
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, CLI_ACTOR, { action: 'case.assign', targetId: first });
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
        await recordAudit(trx, CLI_ACTOR, { action: 'case.assign', targetId: second });
      });
    const targets = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    const next = (i: number) => targets[(i + 1) % targets.length] as string;
    const outcomes = await Promise.allSettled(
      targets.flatMap((target, i) => [auditBoth(target, next(i)), auditBoth(next(i), target)]),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect((await verifyAuditLogs(db)).every((chain) => chain.ok)).toBe(true);
  });

  it('finds an audit entry altered, and the newest one removed', async () => {
    // One transaction: both entries in one chain, one after the other.
    await db.transaction().execute(async (trx) => {
      await recordAudit(trx, CLI_ACTOR, { action: 'user.add', targetId: 'u1', details: { role: 'agent' } });
      await recordAudit(trx, CLI_ACTOR, { action: 'user.disable', targetId: 'u1' });
    });
    const last = await newest();
    const setDetails = (details: Record<string, string>) =>
      asSuperuser(db, () =>
        db
          .updateTable('audit_log')
          .set({ details: JSON.stringify(details) })
          .where('shard', '=', last.shard)
          .where('seq', '=', last.seq - 1)
          .execute(),
      );
    const brokenChains = async () => (await verifyAuditLogs(db)).filter((chain) => !chain.ok);
    await setDetails({ role: 'owner' });
    expect(await brokenChains()).toEqual([
      {
        orgId: 1,
        shard: last.shard,
        ok: false,
        entries: last.seq - 1,
        brokenAt: last.seq - 1,
        problem: 'altered',
      },
    ]);
    await setDetails({ role: 'agent' });
    expect(await brokenChains()).toEqual([]);
    await asSuperuser(db, () => db.deleteFrom('audit_log').where('id', '=', last.id).execute());
    expect(await brokenChains()).toEqual([
      {
        orgId: 1,
        shard: last.shard,
        ok: false,
        entries: last.seq - 1,
        brokenAt: last.seq,
        problem: 'missing',
      },
    ]);
  });
});
