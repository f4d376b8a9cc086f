import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/audit.service.ts';
import { entryHash, partDigests } from '../cases/chain.ts';
import { eraseEntryParts } from '../cases/evidence.ts';
import type { Db } from '../db/database.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { createTestApp, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { readCheckpoint, signCheckpoint } from './checkpoint.ts';
import { writeDailyCheckpoint } from './checkpoint-job.ts';
import { loadSigningKey, loadTrustedKey } from './checkpoint-key.ts';
import { isIntact, takeLogHeads, verifyEvidence } from './evidence.service.ts';

describe.each(TEST_DATABASES)('checkpoints on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let folder: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    db = t.database.db;
    folder = mkdtempSync(join(tmpdir(), 'calmdesk-checkpoint-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function caseWithLog(email: string): Promise<string> {
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Piotr', email },
        channel: 'email',
        subject: 'Zwrot',
        message: { body: 'Proszę o zwrot pieniędzy za nieudaną usługę.' },
      },
    });
    const id: string = opened.json().id;
    for (const body of ['Sprawdzam.', 'Zwrot zatwierdzony.'])
      await t.as('agent', {
        method: 'POST',
        url: `/api/cases/${id}/interactions`,
        payload: { kind: 'note', body },
      });
    return id;
  }

  /**
   * What someone with full database rights can do: replace the case's newest entry with a forged one,
   * every hash and the case's recorded end recomputed, so the chains alone verify.
   */
  async function rewriteNewestEntry(caseId: string): Promise<void> {
    const old = await db
      .selectFrom('interactions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const body = 'Klient wycofał reklamację.';
    const fields = { ...old, ...partDigests({ body, analysis: null, coaching: null }) };
    const hash = entryHash(fields);
    await sql`ALTER TABLE interactions DISABLE TRIGGER USER`.execute(db);
    try {
      await db.deleteFrom('interactions').where('id', '=', old.id).execute();
      await db
        .insertInto('interactions')
        .values({ ...fields, body, analysis: null, coaching: null, hash })
        .execute();
      await db.updateTable('cases').set({ last_hash: hash }).where('id', '=', caseId).execute();
    } finally {
      await sql`ALTER TABLE interactions ENABLE TRIGGER USER`.execute(db);
    }
  }

  it('catches a log rewritten with every hash and its end recomputed, which the chains alone pass', async () => {
    const id = await caseWithLog('rewrite@example.test');
    const { report, heads } = await takeLogHeads(db);
    expect(isIntact(report)).toBe(true);
    const { privateKey } = loadSigningKey(join(folder, 'keys', 'owner.pem'), join(folder, 'data'));
    const file = readCheckpoint(JSON.stringify(signCheckpoint(heads, t.clock.now, privateKey)), privateKey);
    await rewriteNewestEntry(id);
    const chainsAlone = await verifyEvidence(db);
    expect(isIntact(chainsAlone)).toBe(true);
    const withCheckpoint = await verifyEvidence(db, file.heads);
    expect(withCheckpoint.checkpoint).toEqual({
      chains: heads.cases.length + heads.audit.length,
      differ: [{ chain: `case:${id}`, seq: 3, problem: 'altered' }],
    });
    expect(isIntact(withCheckpoint)).toBe(false);
  });

  it('catches the newest audit entries removed with the audit chain’s end moved back', async () => {
    // One transaction: both entries in one chain, so the newest has one before it.
    await db.transaction().execute(async (trx) => {
      await recordAudit(trx, CLI_ACTOR, { action: 'token.create', details: { label: 'backup' } });
      await recordAudit(trx, CLI_ACTOR, { action: 'token.create', details: { label: 'backup 2' } });
    });
    const { heads } = await takeLogHeads(db);
    const { shard } = await db
      .selectFrom('audit_log')
      .select('shard')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const audit = heads.audit.find((head) => head.shard === shard);
    if (!audit) throw new Error('no audit head');
    const previous = await db
      .selectFrom('audit_log')
      .select('hash')
      .where('shard', '=', shard)
      .where('seq', '=', audit.seq - 1)
      .executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
    await db.deleteFrom('audit_log').where('shard', '=', shard).where('seq', '=', audit.seq).execute();
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
    await sql`UPDATE audit_heads SET last_seq = ${audit.seq - 1}, last_hash = ${previous.hash}
      WHERE shard = ${shard}`.execute(db);
    const report = await verifyEvidence(db, heads);
    expect(report.audit.every((chain) => chain.ok)).toBe(true);
    expect(report.checkpoint?.differ).toEqual(
      expect.arrayContaining([{ chain: `audit:1.${shard}`, seq: audit.seq, problem: 'missing' }]),
    );
  });

  it('still holds after an erasure; the daily job writes a checkpoint, and none for a broken log', async () => {
    // A database of its own: the tests above leave forged logs behind.
    const own = await createTestApp(kind);
    try {
      const ownDb = own.database.db;
      const opened = await own.as('agent', {
        method: 'POST',
        url: '/api/cases',
        payload: {
          customer: { name: 'Ewa', email: 'ewa@example.test' },
          channel: 'email',
          subject: 'RODO',
          message: { body: 'Proszę usunąć moje dane.' },
        },
      });
      const id: string = opened.json().id;
      const config = {
        checkpointKey: join(folder, 'keys', 'daily.pem'),
        dataDir: join(folder, 'data'),
        checkpointDir: join(folder, 'daily'),
      };
      const path = await writeDailyCheckpoint(ownDb, config, own.clock.now);
      expect(readdirSync(config.checkpointDir)).toEqual(['checkpoint-2026-03-02T09-00-00.000Z.json']);
      const trusted = loadTrustedKey({ keyPath: config.checkpointKey });
      if (!trusted) throw new Error('no key');
      const { heads } = readCheckpoint(readFileSync(path, 'utf8'), trusted);
      const entries = await ownDb.selectFrom('interactions').select('id').where('case_id', '=', id).execute();
      expect(
        await eraseEntryParts(
          ownDb,
          entries.map((e) => e.id),
          own.clock.now,
        ),
      ).toBe(1);
      expect(isIntact(await verifyEvidence(ownDb, heads))).toBe(true);
      await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_append_only`.execute(ownDb);
      await ownDb.updateTable('interactions').set({ erased_at: null }).where('case_id', '=', id).execute();
      await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_append_only`.execute(ownDb);
      own.clock.now = new Date('2026-03-03T09:00:00Z');
      await expect(writeDailyCheckpoint(ownDb, config, own.clock.now)).rejects.toThrow(
        /no checkpoint written/,
      );
      expect(readdirSync(config.checkpointDir)).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('trusts a checkpoint only with the owner’s key, and only as it was signed', () => {
    const owner = generateKeyPairSync('ed25519').privateKey;
    const forger = generateKeyPairSync('ed25519').privateKey;
    const heads = { cases: [{ caseId: 'k1', seq: 3, hash: 'a'.repeat(64) }], audit: [] };
    const signed = signCheckpoint(heads, t.clock.now, owner);
    expect(readCheckpoint(JSON.stringify(signed), owner).heads).toEqual(heads);
    // Re-signed by the forger: valid in itself, but not with the key the owner trusts.
    const resigned = signCheckpoint({ ...heads, cases: [] }, t.clock.now, forger);
    expect(() => readCheckpoint(JSON.stringify(resigned), owner)).toThrow(/other than the one you trust/);
    expect(() => readCheckpoint(JSON.stringify(signed), forger)).toThrow(/other than the one you trust/);
    const edited = {
      ...signed,
      heads: { ...heads, cases: [{ caseId: 'k1', seq: 2, hash: 'b'.repeat(64) }] },
    };
    expect(() => readCheckpoint(JSON.stringify(edited), owner)).toThrow(/digest/);
    const redigested = { ...signed, createdAt: '2020-01-01T00:00:00.000Z' };
    expect(() => readCheckpoint(JSON.stringify(redigested), owner)).toThrow(/signature/);
    expect(() => readCheckpoint('{"format":"something"}', owner)).toThrow(/not a CalmDesk checkpoint/);
  });

  it('creates the signing key 0600 outside the database folder, and refuses one inside it', () => {
    const keyPath = join(folder, 'fresh', 'key.pem');
    const created = loadSigningKey(keyPath, join(folder, 'data'));
    expect(created.created).toBe(true);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${keyPath}.pub`, 'utf8')).toContain('PUBLIC KEY');
    expect(loadSigningKey(keyPath, join(folder, 'data')).created).toBe(false);
    expect(loadTrustedKey({ keyPath })?.asymmetricKeyType).toBe('ed25519');
    expect(loadTrustedKey({ keyPath: join(folder, 'none.pem') })).toBeUndefined();
    expect(() => loadSigningKey(join(folder, 'data', 'key.pem'), join(folder, 'data'))).toThrow(
      /outside the database folder/,
    );
  });
});
