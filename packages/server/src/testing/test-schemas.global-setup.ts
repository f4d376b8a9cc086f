import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The environment variable naming this test run: every PostgreSQL schema a test makes starts with it. */
export const TEST_RUN = 'CALMDESK_TEST_RUN';

/**
 * Names the run, and drops its PostgreSQL schemas once every test is done. A test never drops its own
 * schema while others run: Kysely's migrator reads every schema's tables when it starts, and a schema
 * dropped by another worker meanwhile fails that read with "schema … does not exist".
 */
export default function testSchemas(): () => Promise<void> {
  const run = testRun();
  return async () => {
    const url = process.env.DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1 OR nspname LIKE $2`,
        [`test\\_${run}\\_%`, `reliability\\_${run}\\_%`],
      );
      for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    } catch {
      // No PostgreSQL here (its tests were skipped): nothing of this run to drop.
    } finally {
      await client.end().catch(() => {});
    }
  };
}

/** This run's name, for the schemas a test makes (set by the global setup; a lone file gets one too). */
export function testRun(): string {
  process.env[TEST_RUN] ??= randomBytes(4).toString('hex');
  return process.env[TEST_RUN];
}
