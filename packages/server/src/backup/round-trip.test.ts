import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { CLI_ACTOR } from '../local/local.service.ts';
import { processReceivedMail, storeSmtpMail } from '../mail/ingest-mail.ts';
import { addMailbox } from '../mail/mailboxes.service.ts';
import { createTestApp, openTestDatabase, TEST_DATABASES, type TestApp } from '../testing/test-app.ts';
import { backupStream } from './backup-stream.ts';
import { migrationLevel, nextBatch, tablesInOrder } from './dump.ts';
import { checkBackup, loadBackup } from './restore.ts';

/** Every table's rows as PostgreSQL's own JSON text, sorted: two databases alike give equal maps. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of await tablesInOrder(db)) {
    const { rows } = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t`.execute(db);
    all[table] = rows.map((r) => r.row).sort();
  }
  return all;
}

describe.each(TEST_DATABASES)('a backup of %s', (kind) => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-round-trip-'));
  beforeAll(async () => {
    t = await createTestApp(kind);
    const opened = await t.as('agent', {
      method: 'POST',
      url: '/api/cases',
      payload: {
        customer: { name: 'Žaneta Łukasik-Õun', email: 'zaneta@example.test' },
        channel: 'phone',
        subject: 'Zwrot „za usługę” – 199,99 zł 😀',
        message: { body: 'Oddzwonię jutro do 16:00.\nTab\there, quote " and backslash \\ and NUL-free text' },
      },
    });
    expect(opened.statusCode).toBe(201);
    const refund = await t.as('agent', {
      method: 'POST',
      url: `/api/cases/${opened.json().id}/compensations`,
      payload: { kind: 'cash_refund', amount: 19.99, currency: 'PLN' },
    });
    expect(refund.statusCode).toBe(201);
    const mailbox = await addMailbox(
      t.database.db,
      CLI_ACTOR,
      { address: 'support@salon.example', imap: 'imap://user:secret@127.0.0.1:1' },
      t.clock.now,
    );
    const raw = readFileSync(new URL('../mail/fixtures/attachment.eml', import.meta.url));
    expect(await storeSmtpMail(t.database.db, mailbox.id, raw, t.clock.now)).toBe(true);
    await processReceivedMail(t.database.db, mailbox.id, () => t.clock.now);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table row for row, bytes, money, arrays and JSON included, and the sequences', async () => {
    const file = join(dir, `${kind}.calmdesk-backup`);
    await pipeline(backupStream(t.database.db, t.database.kind, new Date()), createWriteStream(file));
    const { header, end } = await checkBackup(file);
    expect(header.migration).toBe(await migrationLevel(t.database.db));
    expect(end.rows.mail_attachments).toBeGreaterThan(0);
    const source = await contents(t.database.db);
    expect(Object.keys(end.rows).sort()).toEqual(Object.keys(source).sort());

    const target = await openTestDatabase(kind, header.migration);
    try {
      await loadBackup(target.db, file);
      expect(await contents(target.db)).toEqual(source);
      const next = (db: Db) => sql<{ n: string }>`SELECT nextval('mail_smtp_uid')::text AS n`.execute(db);
      expect((await next(target.db)).rows[0]?.n).toBe((await next(t.database.db)).rows[0]?.n);
    } finally {
      await target.close();
    }
  });
});

describe('the dump batch', () => {
  it('reads about 4 MB of rows per query, one row at least and 500 at most', () => {
    expect(nextBatch(500, 50_000)).toBe(500);
    expect(nextBatch(1, 40 * 1024 * 1024)).toBe(1);
    expect(nextBatch(10, 10 * 100 * 1024)).toBe(40);
  });
});
