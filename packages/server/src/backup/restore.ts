import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { MIGRATIONS } from '../db/migrations/index.ts';
import { AppError } from '../errors.ts';
import { verifyEvidence } from '../evidence/evidence.service.ts';
import { type BackupEnd, type BackupHeader, readBackup } from './backup-file.ts';
import { tablesInOrder } from './dump.ts';

/** Rows sent per INSERT while restoring, and the most JSON text one INSERT carries. */
const RESTORE_BATCH = 500;
const RESTORE_BYTES = 8 * 1024 * 1024;

export interface CheckedBackup {
  header: BackupHeader;
  end: BackupEnd;
}

/**
 * Reads the whole file once before anything is written: a backup that is cut short, altered or
 * made by a newer CalmDesk (a migration this one does not know) is refused with its reason.
 */
export async function checkBackup(path: string): Promise<CheckedBackup> {
  let header: BackupHeader | undefined;
  const end = await readBackup(
    path,
    (read) => {
      header = read;
      if (!(read.migration in MIGRATIONS)) {
        throw new AppError(
          'backup_invalid',
          `${path} was made by CalmDesk ${read.calmdeskVersion} at migration ${read.migration}, which this ` +
            `CalmDesk (up to ${Object.keys(MIGRATIONS).at(-1)}) does not know: upgrade CalmDesk, then restore`,
        );
      }
    },
    () => {},
  );
  if (!header) throw new AppError('backup_invalid', `${path} has no header`);
  return { header, end };
}

/** The tables of the current schema that hold at least one row. */
export async function tablesWithRows(db: Db): Promise<string[]> {
  const full: string[] = [];
  for (const table of await tablesInOrder(db)) {
    const { rows } = await sql<{
      any: boolean;
    }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS any`.execute(db);
    if (rows[0]?.any) full.push(table);
  }
  return full;
}

export interface RestoreReport {
  rows: Record<string, number>;
  cases: number;
  entries: number;
  broken: number;
}

/**
 * Loads a checked backup into `db`, an empty database migrated exactly to the backup's level: every
 * row inserted (never updated, so the log's append-only trigger and every other trigger and
 * constraint apply) in one transaction, parents before children as the file lists them; then each
 * serial column's sequence moved past its rows. The caller migrates to the latest level afterwards.
 */
export async function loadBackup(db: Db, path: string): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const bypassed = await bypassDerivingTriggers(trx);
    const known = new Set(await tablesInOrder(trx));
    let batch: string[] = [];
    let bytes = 0;
    let current = '';
    const flush = async () => {
      if (batch.length > 0) await insertRows(trx, current, batch);
      batch = [];
      bytes = 0;
    };
    const end = await readBackup(
      path,
      () => {},
      async (item) => {
        if (item.kind === 'sequences') {
          await flush();
          await restoreSequences(trx, item.values);
          return;
        }
        if (item.kind === 'table') {
          await flush();
          if (!known.has(item.table))
            throw new AppError('backup_invalid', `${path} has a table ${item.table} this database does not`);
          current = item.table;
          // A row a migration seeded (the audit log's head) comes back as the backup holds it.
          await sql`DELETE FROM ${sql.table(current)}`.execute(trx);
          return;
        }
        batch.push(item.json);
        bytes += item.json.length;
        if (batch.length >= RESTORE_BATCH || bytes >= RESTORE_BYTES) await flush();
      },
    );
    await flush();
    await advanceSequences(trx);
    for (const { table, trigger } of bypassed) {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(trigger)}`.execute(trx);
    }
    return end.rows;
  });
}

/**
 * Triggers that work out or check on INSERT what a backup already holds: each log entry as its case's
 * end (the backup inserts a case's entries at once), and the audit log's chain (its hashes are in the
 * backup). They are off while the rows go in, inside the restore's transaction, and the chains are
 * verified afterwards as `calmdesk verify-log` does; the append-only triggers stay on throughout.
 */
const DERIVING_TRIGGERS = [
  { table: 'interactions', trigger: 'interactions_at_recorded_end' },
  { table: 'audit_log', trigger: 'audit_log_chain' },
] as const;

async function bypassDerivingTriggers(db: Db): Promise<Array<(typeof DERIVING_TRIGGERS)[number]>> {
  const { rows } = await sql<{ name: string }>`
    SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal`.execute(db);
  const present = new Set(rows.map((row) => row.name));
  const bypassed = DERIVING_TRIGGERS.filter((entry) => present.has(entry.trigger));
  for (const { table, trigger } of bypassed) {
    await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.id(trigger)}`.execute(db);
  }
  return bypassed;
}

async function insertRows(db: Db, table: string, rows: string[]): Promise<void> {
  // json_populate_recordset turns each object back into the table's row type: text, timestamps,
  // numeric, bytea (as \x hex), arrays and jsonb all come back exactly as row_to_json wrote them.
  await sql`INSERT INTO ${sql.table(table)}
    SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${`[${rows.join(',')}]`}::json)`.execute(
    db,
  );
}

async function restoreSequences(db: Db, values: Record<string, number | null>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (value !== null) await sql`SELECT setval(${name}::regclass, ${value})`.execute(db);
  }
}

/** Each serial column's sequence past the column's largest value (a backup without its sequences' values). */
async function advanceSequences(db: Db): Promise<void> {
  const { rows } = await sql<{ table: string; column: string; sequence: string }>`
    SELECT c.table_name AS table, c.column_name AS column,
      pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS sequence
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.column_default LIKE 'nextval(%'`.execute(db);
  for (const { table, column, sequence } of rows) {
    if (!sequence) continue;
    await sql`SELECT setval(${sequence}, greatest(
      (SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}),
      (SELECT CASE WHEN is_called THEN last_value END FROM ${sql.table(sequence)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/** Every case's chain and the audit log checked after a restore, as `calmdesk verify-log` does. */
export async function checkRestoredLogs(
  db: Db,
): Promise<Pick<RestoreReport, 'cases' | 'entries' | 'broken'>> {
  const report = await verifyEvidence(db);
  const brokenAudit = report.audit.filter((chain) => !chain.ok).length;
  return { cases: report.cases, entries: report.entries, broken: report.broken.length + brokenAudit };
}
