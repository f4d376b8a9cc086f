import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { recordAudit, recordSystemAudit } from './audit.service.ts';
import { verifyAuditLogs } from './audit-chain.ts';

/** Changes the audit log as someone with the database's superuser rights can. */
async function asSuperuser(db: Db, change: () => Promise<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
  try {
    await change();
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
  }
}

describe.each(TEST_DATABASES)('the audit chain on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
  });
  afterAll(() => t.close());

  const newest = async () =>
    db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq', 'desc').executeTakeFirstOrThrow();

  it('chains writes racing each other into one line, and refuses changes to it', async () => {
    const before = await verifyAuditLogs(db);
    expect(before).toEqual([{ orgId: 1, ok: true, entries: before[0]?.entries }]);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? recordSystemAudit(db, [{ action: 'case.escalate', targetId: `k${i}` }, { action: 'case.remind' }])
          : recordAudit(db, CLI_ACTOR, { action: 'token.create', details: { label: `nr ${i}`, ä: 'ü' } }),
      ),
    );
    const after = await verifyAuditLogs(db);
    expect(after).toEqual([{ orgId: 1, ok: true, entries: (before[0]?.entries ?? 0) + 16 }]);
    const seqs = (await db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const { id } = await newest();
    await expect(
      db.updateTable('audit_log').set({ actor: 'someone' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
  });

  it('finds an audit entry altered, and the newest one removed', async () => {
    await recordAudit(db, CLI_ACTOR, { action: 'user.add', targetId: 'u1', details: { role: 'agent' } });
    await recordAudit(db, CLI_ACTOR, { action: 'user.disable', targetId: 'u1' });
    const last = await newest();
    await asSuperuser(db, () =>
      db
        .updateTable('audit_log')
        .set({ details: JSON.stringify({ role: 'owner' }) })
        .where('seq', '=', last.seq - 1)
        .execute(),
    );
    expect(await verifyAuditLogs(db)).toEqual([
      { orgId: 1, ok: false, entries: last.seq - 1, brokenAt: last.seq - 1, problem: 'altered' },
    ]);
    await asSuperuser(db, () =>
      db
        .updateTable('audit_log')
        .set({ details: JSON.stringify({ role: 'agent' }) })
        .where('seq', '=', last.seq - 1)
        .execute(),
    );
    expect((await verifyAuditLogs(db))[0]?.ok).toBe(true);
    await asSuperuser(db, () => db.deleteFrom('audit_log').where('id', '=', last.id).execute());
    expect(await verifyAuditLogs(db)).toEqual([
      { orgId: 1, ok: false, entries: last.seq - 1, brokenAt: last.seq, problem: 'missing' },
    ]);
  });
});
