import type { Config } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { callLocalServer } from '../local/local-client.ts';
import { findRunningServer } from '../local/server-file.ts';

/**
 * Runs a CLI action on the database: through the running server's local route when a server holds
 * the embedded database (a second PGlite on one folder corrupts it), else on the database directly.
 * PostgreSQL takes many connections, so with DATABASE_URL the CLI always goes direct.
 */
export async function runOnDatabase<T>(
  config: Config,
  route: { path: string; body: unknown },
  direct: (db: Db) => Promise<T>,
): Promise<T> {
  if (!config.databaseUrl) {
    const server = await findRunningServer(config.dataDir);
    if (server) return callLocalServer<T>(server, route.path, route.body);
  }
  const database = await openDatabase(config);
  try {
    return await direct(database.db);
  } finally {
    await database.close();
  }
}
