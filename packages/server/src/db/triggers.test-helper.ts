import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Runs `change` with one trigger off, as someone with the database's superuser rights can: how tests
 * tamper with a log, or build one faster than the append would.
 */
export async function withTriggerOff<T>(
  db: Db,
  table: string,
  trigger: string,
  change: () => Promise<T>,
): Promise<T> {
  await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.id(trigger)}`.execute(db);
  try {
    return await change();
  } finally {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(trigger)}`.execute(db);
  }
}
