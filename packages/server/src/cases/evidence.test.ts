import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { withTriggerOff } from '../db/triggers.test-helper.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { entryHash, partDigests } from './chain.ts';
import { eraseEntryParts, verifyAllLogs, verifyCaseLog } from './evidence.ts';

/** Changes the log as someone with the database's superuser rights can: the trigger off meanwhile. */
const asSuperuser = (db: Db, change: () => Promise<unknown>) =>
  withTriggerOff(db, 'interactions', 'interactions_append_only', change);

describe.each(TEST_DATABASES)('the evidence log on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
  });
  afterAll(() => t.close());

  /** A case with an inbound message (analysed), a coached reply and a note: seq 1, 2, 3. */
  async function caseWithLog(email: string): Promise<string> {
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Kadri', email },
        channel: 'email',
        subject: 'Arve',
        message: { body: 'Te võtsite mult topelt raha! Tagastage see kohe.' },
      },
    });
    expect(opened.statusCode).toBe(201);
    const id: string = opened.json().id;
    const url = `/api/cases/${id}/interactions`;
    const reply = await t.as('agent', {
      method: 'POST',
      url,
      payload: { kind: 'outbound', body: 'Vabandame, kontrollime arve üle ja vastame homme.' },
    });
    expect(reply.statusCode).toBe(201);
    await t.as('agent', { method: 'POST', url, payload: { kind: 'note', body: 'Helistasin kliendile.' } });
    expect(await verifyCaseLog(db, id)).toEqual({ ok: true, entries: 3 });
    return id;
  }

  it('still verifies a log whose entry was erased, and refuses any other change to it', async () => {
    const id = await caseWithLog('erase@example.test');
    const first = await db
      .selectFrom('interactions')
      .select(['id', 'analysis_digest'])
      .where('case_id', '=', id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first.analysis_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await eraseEntryParts(db, [first.id], t.clock.now)).toBe(1);
    expect(await eraseEntryParts(db, [first.id], t.clock.now)).toBe(0);
    const erased = await db
      .selectFrom('interactions')
      .select(['body', 'analysis', 'coaching', 'erased_at', 'analysis_digest'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(erased).toEqual({
      body: '',
      analysis: null,
      coaching: null,
      erased_at: t.clock.now,
      analysis_digest: first.analysis_digest,
    });
    expect(await verifyCaseLog(db, id)).toEqual({ ok: true, entries: 3 });
    // The erasure path lets nothing else through: not another text, not a digest, not a removal.
    const update = (set: Record<string, unknown>) =>
      db.updateTable('interactions').set(set).where('id', '=', first.id).execute();
    await expect(update({ body: 'Something else', erased_at: t.clock.now })).rejects.toThrow(/append-only/);
    await expect(update({ body_digest: 'f'.repeat(64) })).rejects.toThrow(/append-only/);
    await expect(update({ erased_at: null })).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('interactions').where('id', '=', first.id).execute()).rejects.toThrow(
      /append-only/,
    );
    // Without erased_at, blanking a body is tampering, not an erasure.
    const second = await db
      .selectFrom('interactions')
      .select('id')
      .where('case_id', '=', id)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('interactions').set({ body: '' }).where('id', '=', second.id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('finds an analysis or a coaching someone altered', async () => {
    const analysed = await caseWithLog('analysis@example.test');
    await asSuperuser(db, () =>
      db
        .updateTable('interactions')
        .set({ analysis: JSON.stringify({ level: 'calm', flags: [] }) })
        .where('case_id', '=', analysed)
        .where('seq', '=', 1)
        .execute(),
    );
    expect(await verifyCaseLog(db, analysed)).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 1,
      problem: 'altered',
    });
    const coached = await caseWithLog('coaching@example.test');
    await asSuperuser(db, () =>
      db
        .updateTable('interactions')
        .set({ coaching: JSON.stringify({ findings: [], verdict: 'ok' }) })
        .where('case_id', '=', coached)
        .where('seq', '=', 2)
        .execute(),
    );
    expect(await verifyCaseLog(db, coached)).toMatchObject({ ok: false, brokenAt: 2, problem: 'altered' });
    // An analysis quietly removed from an entry that was never erased is tampering too.
    const removed = await caseWithLog('removed@example.test');
    await asSuperuser(db, () =>
      db
        .updateTable('interactions')
        .set({ analysis: null })
        .where('case_id', '=', removed)
        .where('seq', '=', 1)
        .execute(),
    );
    expect(await verifyCaseLog(db, removed)).toMatchObject({ ok: false, brokenAt: 1, problem: 'altered' });
  });

  it('finds the newest entry removed, and every entry removed', async () => {
    const lastGone = await caseWithLog('last@example.test');
    await asSuperuser(db, () =>
      db.deleteFrom('interactions').where('case_id', '=', lastGone).where('seq', '=', 3).execute(),
    );
    expect(await verifyCaseLog(db, lastGone)).toEqual({
      ok: false,
      entries: 2,
      brokenAt: 3,
      problem: 'missing',
    });
    const allGone = await caseWithLog('all@example.test');
    await asSuperuser(db, async () => {
      await db.deleteFrom('commitments').where('case_id', '=', allGone).execute();
      await db.deleteFrom('abuse_incidents').where('case_id', '=', allGone).execute();
      await db.deleteFrom('interactions').where('case_id', '=', allGone).execute();
    });
    expect(await verifyCaseLog(db, allGone)).toEqual({
      ok: false,
      entries: 0,
      brokenAt: 1,
      problem: 'missing',
    });
    const report = await verifyAllLogs(db);
    expect(report.broken).toEqual(
      expect.arrayContaining([
        { caseId: lastGone, brokenAt: 3, problem: 'missing' },
        { caseId: allGone, brokenAt: 1, problem: 'missing' },
      ]),
    );
  });

  /** An entry N+1 chained to the case's end with every hash recomputed, as a forger would write it. */
  async function forgedNext(caseId: string) {
    const head = await db
      .selectFrom('cases')
      .select(['last_seq', 'last_hash'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const fields = {
      case_id: caseId,
      seq: head.last_seq + 1,
      kind: 'note' as const,
      author_id: null,
      created_at: t.clock.now,
      overridden_by: null,
      prev_hash: head.last_hash,
      ...partDigests({ body: 'Klient loobus nõudest.', analysis: null, coaching: null }),
    };
    return { id: `forged-${caseId}`, ...fields, body: 'Klient loobus nõudest.', hash: entryHash(fields) };
  }

  it('refuses an entry stored behind its case’s back, and answers a later append without a 500', async () => {
    const id = await caseWithLog('forged@example.test');
    const forged = await forgedNext(id);
    await expect(db.insertInto('interactions').values(forged).execute()).rejects.toThrow(
      /end its case records/,
    );
    expect(await verifyCaseLog(db, id)).toEqual({ ok: true, entries: 3 });
    // Past the triggers (superuser rights), the entry goes in, and verify names it.
    await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_at_recorded_end`.execute(db);
    await db.insertInto('interactions').values(forged).execute();
    await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_at_recorded_end`.execute(db);
    expect(await verifyCaseLog(db, id)).toEqual({
      ok: false,
      entries: 4,
      brokenAt: 4,
      problem: 'unrecorded',
    });
    const append = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${id}/interactions`,
      payload: { kind: 'note', body: 'Kontrollin.' },
    });
    expect(append.statusCode).toBe(409);
    expect(append.json().error).toMatchObject({ code: 'conflict' });
    expect(append.json().error.message).toContain('verify-log');
    // Nothing was chained onto the forged entry.
    expect(await verifyCaseLog(db, id)).toMatchObject({ ok: false, brokenAt: 4, problem: 'unrecorded' });
  });
});
