import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, openTestDatabase } from '../testing/test-app.ts';
import { MIGRATE_LOCK, type OpenDatabase } from './database.ts';

describe.skipIf(!HAS_POSTGRES)('migrations on PostgreSQL, one process at a time', () => {
  const opened: OpenDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  // Kysely's migrator reads every schema's columns by name before its own lock: a column renamed by a
  // migration elsewhere meanwhile failed that read ("column "amount" of relation "compensations" does
  // not exist"). While another process migrates, a new database waits, reading nothing.
  it('waits for a migration running elsewhere before reading the database, then migrates', async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(${MIGRATE_LOCK})`);
    let done = false;
    const opening = openTestDatabase('postgres').then((database) => {
      done = true;
      opened.push(database);
      return database;
    });
    const waiting = async () => {
      const { rows } = await other.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      return rows[0]?.n ?? 0;
    };
    await expect.poll(waiting, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(done).toBe(false);
    await other.end();
    const database = await opening;
    const rows = await database.db.selectFrom('compensations').select('amount_minor').execute();
    expect(rows).toEqual([]);
  });
});
