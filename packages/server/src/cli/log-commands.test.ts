import { readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createCase } from '../cases/cases.service.ts';
import { entryHash, partDigests } from '../cases/chain.ts';
import { openDatabase } from '../db/database.ts';
import { AUDIT_SHARDS } from '../db/migrations/0016-evidence-log.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import {
  runEmbeddedCli as cli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from './run-cli.test-helper.ts';

/** A data folder with one case of two messages; returns the case's id. */
async function folderWithCase(data: string): Promise<string> {
  const database = await openDatabase({ dataDir: data });
  try {
    const opened = await createCase(
      database.db,
      CLI_ACTOR,
      {
        customer: { name: 'Liis', email: 'liis@example.test' },
        channel: 'email',
        subject: 'Broneering',
        message: { body: 'Minu broneering kadus ära!' },
      },
      new Date('2026-03-02T09:00:00Z'),
    );
    return opened.id;
  } finally {
    await database.close();
  }
}

/** Rewrites a case's first entry as someone with full database rights could, every hash and the end recomputed. */
async function forgeFirstEntry(data: string, caseId: string): Promise<void> {
  const database = await openDatabase({ dataDir: data });
  const db = database.db;
  try {
    const old = await db
      .selectFrom('interactions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const body = 'Tänan, kõik on korras.';
    const fields = { ...old, ...partDigests({ body, analysis: null, coaching: null }) };
    const hash = entryHash(fields);
    await sql`ALTER TABLE interactions DISABLE TRIGGER USER`.execute(db);
    await db
      .updateTable('interactions')
      .set({ body, analysis: null, body_digest: fields.body_digest, analysis_digest: null, hash })
      .where('id', '=', old.id)
      .execute();
    await sql`ALTER TABLE interactions ENABLE TRIGGER USER`.execute(db);
    await db.updateTable('cases').set({ last_hash: hash }).where('id', '=', caseId).execute();
  } finally {
    await database.close();
  }
}

describe('calmdesk log checkpoint and verify-log --checkpoint', () => {
  const inTemp = tempFolderDuringTests('calmdesk-log-cli-');

  it('signs the ends of the logs and later proves a forged rewrite, with the owner’s key only', async () => {
    const data = inTemp('data');
    const caseId = await folderWithCase(data);
    const key = inTemp('keys', 'owner.pem');
    const checkpoint = inTemp('checkpoint.json');
    const taken = await cli('log', 'checkpoint', '--data', data, '--key', key, '--out', checkpoint);
    expect(taken.stdout).toContain(
      `checkpoint of 1 case logs and the audit log (${AUDIT_SHARDS} chains) written to ${checkpoint}`,
    );
    expect(taken).toMatchObject({ code: 0 });
    expect(taken.stderr).toContain(`created the checkpoint signing key ${key}`);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(checkpoint, 'utf8')).heads.cases).toEqual([
      { caseId, seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);

    const verified = await cli('verify-log', '--data', data, '--checkpoint', checkpoint, '--key', key);
    expect(verified.stdout).toContain(
      `checkpoint: all ${1 + AUDIT_SHARDS} chains still hold what it recorded`,
    );
    expect(verified.code).toBe(0);

    // A checkpoint signed with another key is refused, though its own signature is sound.
    const otherKey = inTemp('keys', 'other.pem');
    const other = inTemp('other.json');
    expect((await cli('log', 'checkpoint', '--data', data, '--key', otherKey, '--out', other)).code).toBe(0);
    const refused = await cli(
      'verify-log',
      '--data',
      data,
      '--checkpoint',
      other,
      '--public-key',
      `${key}.pub`,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('signed with a key other than the one you trust');
    const keyless = await cli(
      'verify-log',
      '--data',
      data,
      '--checkpoint',
      checkpoint,
      '--key',
      inTemp('no.pem'),
    );
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('no key to check it against');

    await forgeFirstEntry(data, caseId);
    const chainsAlone = await cli('verify-log', '--data', data);
    expect(chainsAlone.code).toBe(0);
    const caught = await cli(
      'verify-log',
      '--data',
      data,
      '--checkpoint',
      checkpoint,
      '--public-key',
      `${key}.pub`,
    );
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain(`checkpoint: case:${caseId} seq 1 is altered since the checkpoint`);
  }, 120_000);

  it('refuses to write a checkpoint over a broken log, and bad usage', async () => {
    const data = inTemp('broken');
    const caseId = await folderWithCase(data);
    const database = await openDatabase({ dataDir: data });
    await database.db.updateTable('cases').set({ last_seq: 2 }).where('id', '=', caseId).execute();
    await database.close();
    const out = inTemp('never.json');
    const refused = await cli('log', 'checkpoint', '--data', data, '--key', inTemp('k.pem'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`first broken entry: case ${caseId} seq 2 (missing)`);
    expect(refused.stderr).toContain('no checkpoint written');
    expect(() => statSync(out)).toThrow();
    expect((await cli('log', 'sign', '--data', data)).code).toBe(2);
    const inside = await cli('log', 'checkpoint', '--data', data, '--key', `${data}/key.pem`);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain('outside the database folder');
  }, 120_000);

  describe('while a server holds the folder', () => {
    const served = serveFolderDuringTests(() => inTemp('served'), { demo: true });

    it('takes and checks a checkpoint through the server', async () => {
      const key = inTemp('keys', 'served.pem');
      const out = inTemp('served.json');
      const taken = await cli('log', 'checkpoint', '--data', served.data, '--key', key, '--out', out);
      expect(taken.code).toBe(0);
      expect(taken.stdout).toMatch(/checkpoint of \d{2} case logs and the audit log \(\d+ chains\) written/);
      const verified = await cli('verify-log', '--data', served.data, '--checkpoint', out, '--key', key);
      expect(verified.stdout).toMatch(/checkpoint: all \d{2} chains still hold what it recorded/);
      expect(verified.code).toBe(0);
    }, 120_000);
  });
});
