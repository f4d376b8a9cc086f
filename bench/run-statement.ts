import type { Db } from '@calmdesk/server/testing';

/** One raw statement: kysely's `sql` belongs to the server package, which the bench does not depend on. */
export async function runStatement(db: Db, statement: string): Promise<void> {
  const compiled = db.selectNoFrom((eb) => eb.lit(1).as('one')).compile();
  await db.executeQuery({ ...compiled, sql: statement, parameters: [] });
}
