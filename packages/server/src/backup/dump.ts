import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { packageFile } from '../package-root.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupWriter } from './backup-file.ts';

/** Kysely's own bookkeeping: a restore rebuilds it by running the migrations up to the backup's. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Rows read per query while dumping: as many as make about BATCH_BYTES of JSON, learnt from the rows
 * read so far. A table with bytea columns (raw mail, attachments up to tens of MB) starts at one row.
 */
const MAX_BATCH = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Writes the whole database as a backup: every table of the current schema (whatever the migrations
 * created, including tables added after this was written) in one REPEATABLE READ READ ONLY
 * transaction, so the backup is one moment's state however many writers run meanwhile. Tables come
 * parents first (by their foreign keys), so a restore inserts them in file order.
 */
export async function dumpDatabase(
  db: Db,
  kind: 'pglite' | 'postgres',
  writer: BackupWriter,
  now: Date,
): Promise<Record<string, number>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await writer.header({
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        calmdeskVersion: calmdeskVersion(),
        migration: await migrationLevel(trx),
        createdAt: now.toISOString(),
        database: kind,
      });
      const rows: Record<string, number> = {};
      for (const table of await tablesInOrder(trx)) rows[table] = await dumpTable(trx, table, writer);
      await writer.sequences(await sequenceValues(trx));
      await writer.end(rows);
      return rows;
    });
}

export function calmdeskVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}

/** The last migration this database has run. */
export async function migrationLevel(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT max(name) AS name FROM kysely_migration`.execute(db);
  const name = rows[0]?.name;
  if (!name) throw new Error('the database has no migrations recorded');
  return name;
}

/**
 * The current schema's tables, each after the tables its foreign keys point to (a self-reference
 * does not count). Ties are broken by name, so two dumps of one schema list tables alike.
 */
export async function tablesInOrder(db: Db): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`.execute(db);
  const { rows: links } = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
    JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
    WHERE k.contype = 'f' AND ch.relnamespace = current_schema()::regnamespace
      AND k.conrelid <> k.confrelid`.execute(db);
  const names = tables.map((t) => t.name).filter((name) => !MIGRATION_TABLES.includes(name));
  return parentsFirst(names, links);
}

function parentsFirst(names: string[], links: Array<{ child: string; parent: string }>): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name)) throw new Error(`the foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const link of links) if (link.child === name) place(link.parent, [...path, name]);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of names) place(name, []);
  return ordered;
}

/**
 * Every sequence's last value. Sequences are not transactional, so these may be past the rows
 * dumped, which only leaves a gap in the numbers after a restore, never a number used twice.
 */
async function sequenceValues(db: Db): Promise<Record<string, number | null>> {
  const { rows } = await sql<{ name: string; value: string | null }>`
    SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
    WHERE schemaname = current_schema() ORDER BY sequencename`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.name, row.value === null ? null : Number(row.value)]));
}

/**
 * One table's rows, read through a cursor of the dump's transaction: each FETCH continues where the
 * last stopped, where a LIMIT query would scan (and turn into JSON) the rows before it again.
 */
async function dumpTable(db: Db, table: string, writer: BackupWriter): Promise<number> {
  await writer.table(table);
  await sql`DECLARE backup_rows NO SCROLL CURSOR FOR
    SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t`.execute(db);
  let count = 0;
  let batch = (await hasByteaColumn(db, table)) ? 1 : MAX_BATCH;
  for (;;) {
    const { rows } = await sql<{ row: string }>`FETCH ${sql.raw(String(batch))} FROM backup_rows`.execute(db);
    let bytes = 0;
    for (const { row } of rows) {
      bytes += row.length;
      await writer.row(row);
    }
    count += rows.length;
    if (rows.length < batch) break;
    batch = nextBatch(rows.length, bytes);
  }
  await sql`CLOSE backup_rows`.execute(db);
  return count;
}

/** The batch that makes about BATCH_BYTES, judged by the last one's average row. */
export function nextBatch(rows: number, bytes: number): number {
  const perRow = Math.max(1, bytes / rows);
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_BYTES / perRow)));
}

async function hasByteaColumn(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND data_type = 'bytea') AS any`.execute(
    db,
  );
  return rows[0]?.any === true;
}
