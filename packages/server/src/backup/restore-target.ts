import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { AppError } from '../errors.ts';

/**
 * Refuses a PostgreSQL database (or schema) that a restore would mix with: one holding any row, or
 * one whose schema is already past the backup's migration. A database whose tables exist but are
 * all empty (a server started once with the demo turned off) is fine.
 */
export async function checkEmptyPostgres(
  url: string,
  schema: string | undefined,
  migration: string,
): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect().catch((error: Error) => {
    throw new AppError('bad_request', `cannot connect to ${redacted(url)}: ${error.message}`);
  });
  try {
    const where = schema ? `schema ${schema} of ${redacted(url)}` : `the database ${redacted(url)}`;
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
       WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') ORDER BY relname`,
    );
    const names = tables.map((t) => t.name);
    if (names.includes('kysely_migration')) {
      const level = (
        await client.query<{ name: string | null }>('SELECT max(name) AS name FROM kysely_migration')
      ).rows[0]?.name;
      if (level && level > migration) {
        throw new AppError(
          'restore_target_not_empty',
          `${where} is already at migration ${level}, newer than the backup's ${migration}: restore into a fresh database`,
        );
      }
    }
    const full: string[] = [];
    for (const name of names) {
      if (name.startsWith('kysely_')) continue;
      const { rows } = await client.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${pg.escapeIdentifier(name)}) AS any`,
      );
      if (rows[0]?.any) full.push(name);
    }
    if (full.length > 0) {
      throw new AppError(
        'restore_target_not_empty',
        `${where} already holds data (${full.slice(0, 5).join(', ')}${full.length > 5 ? ', …' : ''}): ` +
          'a restore goes into an empty database; create a fresh one (createdb) and point DATABASE_URL at it',
      );
    }
  } finally {
    await client.end();
  }
}

/** The connection string without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'given by DATABASE_URL';
  }
}

/** Whether the folder exists and holds anything. */
export function holdsFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}
