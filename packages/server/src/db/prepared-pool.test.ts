import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_POSTGRES, openTestDatabase } from '../testing/test-app.ts';
import type { OpenDatabase } from './database.ts';

describe.skipIf(!HAS_POSTGRES)('prepared statements on PostgreSQL', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database.close());

  /** Runs `work` and then lists the statements prepared on the connection it ran on. */
  async function preparedAfter(work: (trx: OpenDatabase['db']) => Promise<unknown>): Promise<string[]> {
    return database.db.transaction().execute(async (trx) => {
      await work(trx);
      const { rows } = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(
        trx,
      );
      return rows.map((row) => row.statement);
    });
  }

  it('prepares data statements once per connection and runs them again by name', async () => {
    const statements = await preparedAfter(async (trx) => {
      for (const name of ['Ada', 'Bea', 'Cleo']) {
        await trx.selectFrom('customers').select('id').where('name', '=', name).execute();
      }
    });
    const customerLookups = statements.filter((s) => s.includes('from "customers"'));
    expect(customerLookups).toHaveLength(1);
    expect(statements.some((s) => /^\s*(begin|commit|create|alter)/i.test(s))).toBe(false);
  });

  it('answers a prepared SELECT * again after a migration added a column under it', async () => {
    const read = () => database.db.selectFrom('customers').selectAll().execute();
    await database.db
      .insertInto('customers')
      .values({ id: 'c1', name: 'Ada', emails: [], phones: [], tags: [], updated_at: new Date() })
      .execute();
    // Every connection of the pool prepares the statement before the schema changes.
    await Promise.all(Array.from({ length: 10 }, read));
    await sql`ALTER TABLE customers ADD COLUMN nickname text`.execute(database.db);
    const attempts = await Promise.allSettled(Array.from({ length: 10 }, read));
    expect(attempts.some((attempt) => attempt.status === 'rejected')).toBe(true);
    // A connection whose plan went stale fails that call once; after it, the text runs unnamed everywhere.
    for (const attempt of attempts) {
      if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: '0A000' });
    }
    const rows = await Promise.all(Array.from({ length: 10 }, read));
    for (const result of rows) expect(result[0]).toMatchObject({ id: 'c1', nickname: null });
  });
});
