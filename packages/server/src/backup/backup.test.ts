import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  runEmbeddedCli as cli,
  runCli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from '../cli/run-cli.test-helper.ts';
import { openDatabase } from '../db/database.ts';
import { looseEntries } from '../db/file-modes.test-helper.ts';
import { HAS_POSTGRES } from '../testing/test-app.ts';
import { backupWriter } from './backup-file.ts';

/** Rows per table of the database at `target`, kysely's bookkeeping left out. */
async function rowCounts(target: { dataDir: string; databaseUrl?: string }): Promise<Record<string, number>> {
  const database = await openDatabase(target);
  try {
    const { rows } = await sql<{ name: string }>`
      SELECT relname AS name FROM pg_class
      WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname NOT LIKE 'kysely%'`.execute(
      database.db,
    );
    const counts: Record<string, number> = {};
    for (const { name } of rows) {
      const { rows: n } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(
        database.db,
      );
      counts[name] = Number(n[0]?.n);
    }
    return counts;
  } finally {
    await database.close();
  }
}

/** The closing line's row counts of a backup file. */
function backupRows(file: string): Record<string, number> {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}').rows;
}

function backupHeader(file: string): Record<string, unknown> {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0] ?? '{}');
}

describe('calmdesk backup and restore', () => {
  const inTemp = tempFolderDuringTests('calmdesk-backup-');
  const served = serveFolderDuringTests(() => inTemp('served'), { demo: true });

  it('takes a consistent backup while the server is creating cases, and restores it into a fresh folder', async () => {
    const token = (await cli('token', 'create', '--role', 'agent', '--data', served.data)).stdout.trim();
    let writing = true;
    let created = 0;
    const writer = async (n: number) => {
      for (let i = 0; writing; i++) {
        const response = await fetch(new URL('/api/cases', served.server.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            customer: { name: `Writer ${n}`, email: `writer${n}.${i}@example.test` },
            channel: 'email',
            subject: `Order ${n}-${i} never came`,
            message: { body: 'Where is my parcel? I paid two weeks ago.' },
          }),
        });
        expect(response.status).toBe(201);
        created++;
      }
    };
    const writers = [writer(1), writer(2)];
    while (created < 3) await new Promise((resolve) => setImmediate(resolve));
    const file = inTemp('while-serving.calmdesk-backup');
    const backup = await cli('backup', '--data', served.data, file);
    const createdAtBackup = created;
    writing = false;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain('(pglite, migration 00');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(backupHeader(file)).toMatchObject({
      format: 'calmdesk-backup',
      formatVersion: 1,
      database: 'pglite',
    });
    expect(created).toBeGreaterThan(createdAtBackup);

    const rows = backupRows(file);
    expect(Object.keys(rows)).toEqual(
      expect.arrayContaining(['cases', 'interactions', 'jobs', 'training_sessions']),
    );
    const fresh = inTemp('restored');
    const restored = await cli('restore', file, '--data', fresh);
    expect(restored.stderr).toBe('');
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.stdout).toContain('every chain is intact');
    expect(await rowCounts({ dataDir: fresh })).toEqual(rows);
    expect(looseEntries(fresh)).toEqual([]);
    expect((await cli('verify-log', '--data', fresh)).code).toBe(0);

    const again = await cli('restore', file, '--data', fresh);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`the data folder ${fresh} is not empty`);
    const forced = await cli('restore', file, '--data', fresh, '--force');
    expect(forced).toMatchObject({ code: 0 });
    expect(forced.stdout).toContain('the previous data folder is kept as');
    expect(looseEntries(fresh)).toEqual([]);

    const busy = await cli('restore', file, '--data', served.data, '--force');
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('stop it first');

    if (HAS_POSTGRES) await restoreIntoFreshPostgres(file, rows, inTemp('from-postgres'));
  }, 180_000);

  it('restores logs that verify against the signed checkpoint taken before the backup', async () => {
    const key = inTemp('checkpoint-key.pem');
    const checkpoint = inTemp('before-backup.checkpoint');
    const taken = await cli('log', 'checkpoint', '--data', served.data, '--key', key, '--out', checkpoint);
    expect(taken).toMatchObject({ code: 0 });
    const file = inTemp('after-checkpoint.calmdesk-backup');
    expect(await cli('backup', '--data', served.data, file)).toMatchObject({ code: 0 });
    const fresh = inTemp('restored-after-checkpoint');
    expect(await cli('restore', file, '--data', fresh)).toMatchObject({ code: 0 });
    const verified = await cli('verify-log', '--data', fresh, '--checkpoint', checkpoint, '--key', key);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    // The checkpoint still tells a restored log rewritten behind CalmDesk's back.
    const database = await openDatabase({ dataDir: fresh });
    try {
      await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_append_only`.execute(database.db);
      await sql`UPDATE interactions SET body = body || ' (edited)' WHERE seq = 1`.execute(database.db);
    } finally {
      await database.close();
    }
    const rewritten = await cli('verify-log', '--data', fresh, '--checkpoint', checkpoint, '--key', key);
    expect(rewritten.code).toBe(1);
  }, 180_000);

  it('refuses a file that is cut short, altered, not a backup, or from a newer CalmDesk', async () => {
    const file = inTemp('whole.calmdesk-backup');
    expect((await cli('backup', '--data', served.data, file)).code).toBe(0);
    const bytes = readFileSync(file);
    const cut = inTemp('cut.calmdesk-backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const altered = inTemp('altered.calmdesk-backup');
    const lines = gunzipSync(bytes).toString('utf8').split('\n');
    const row = lines.findIndex((line, i) => i > 0 && !line.startsWith('{"@'));
    lines[row] = (lines[row] ?? '').replace(':"', ':"x');
    writeFileSync(altered, gzipSync(lines.join('\n')));
    const flipped = inTemp('flipped.calmdesk-backup');
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)] = (damaged[Math.floor(damaged.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(flipped, damaged);
    const notOurs = inTemp('not-ours.calmdesk-backup');
    writeFileSync(notOurs, gzipSync('{"hello":"world"}\n'));
    const newer = inTemp('newer.calmdesk-backup');
    writeFileSync(newer, await futureBackup());

    const expectations: Array<[string, string]> = [
      [cut, 'cut short'],
      [altered, 'sha256 does not match'],
      [flipped, 'not a usable backup'],
      [notOurs, 'does not start with a CalmDesk backup header'],
      [newer, 'migration 9999-future, which this CalmDesk'],
      [inTemp('missing.calmdesk-backup'), 'no such file'],
    ];
    for (const [path, reason] of expectations) {
      const target = inTemp(`refused-${randomBytes(4).toString('hex')}`);
      const result = await cli('restore', path, '--data', target);
      expect(result.code, path).toBe(1);
      expect(result.stderr, path).toContain(reason);
    }
  }, 120_000);

  it('names the file it needs, and refuses a data folder that is not there', async () => {
    const result = await cli('backup', '--data', served.data);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('name one backup file');
    const missing = inTemp('no-such-folder');
    const nowhere = await cli('backup', '--data', missing, inTemp('nowhere.calmdesk-backup'));
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain(`there is no CalmDesk data folder at ${missing}`);
  });
});

async function futureBackup(): Promise<Buffer> {
  let text = '';
  const writer = backupWriter(async (line) => {
    text += line;
  });
  await writer.header({
    format: 'calmdesk-backup',
    formatVersion: 1,
    calmdeskVersion: '9.0.0',
    migration: '9999-future',
    createdAt: new Date().toISOString(),
    database: 'postgres',
  });
  await writer.end({});
  return gzipSync(text);
}

/** Restores into a database made for the test on the PostgreSQL server, then drops it. */
async function restoreIntoFreshPostgres(
  file: string,
  rows: Record<string, number>,
  folder: string,
): Promise<void> {
  const base = process.env.DATABASE_URL ?? '';
  const name = `calmdesk_restore_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const env = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: url.toString(), DATABASE_SCHEMA: '' };
  try {
    const restored = await runCli(['restore', file], '', env);
    expect(restored.stderr).toBe('');
    expect(restored).toMatchObject({ code: 0 });
    expect(await rowCounts({ dataDir: 'unused', databaseUrl: url.toString() })).toEqual(rows);
    expect((await runCli(['verify-log'], '', env)).code).toBe(0);
    const again = await runCli(['restore', file], '', env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds data');
    const forced = await runCli(['restore', file, '--force'], '', env);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('restore into a fresh, empty database');
    // A backup of the PostgreSQL database restores into a folder with the same rows.
    const second = `${file}.from-postgres`;
    expect((await runCli(['backup', second], '', env)).code).toBe(0);
    expect(backupHeader(second)).toMatchObject({ database: 'postgres' });
    expect((await cli('restore', second, '--data', folder)).code).toBe(0);
    expect(await rowCounts({ dataDir: folder })).toEqual(rows);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
