import type { Db } from '../packages/server/src/db/database.ts';

/** One raw statement: kysely's `sql` belongs to the server package, which the bench does not depend on. */
export async function runStatement(db: Db, statement: string): Promise<void> {
  const compiled = db.selectNoFrom((eb) => eb.lit(1).as('one')).compile();
  await db.executeQuery({ ...compiled, sql: statement, parameters: [] });
}
