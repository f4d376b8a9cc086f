import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, type MigrationProvider, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { emptyDatabaseFor } from './empty-database.ts';
import { lockFolder, tightenFolder } from './folder-lock.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { pglitePool } from './pglite-pool.ts';
import { preparingPool } from './prepared-pool.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Where a PostgreSQL database handle connects: for a connection of its own (the live updates' LISTEN). */
export interface PostgresTarget {
  url: string;
  schema: string | undefined;
}

const postgresTargets = new WeakMap<Db, PostgresTarget>();

/** The server and schema behind a handle opened by openDatabase on PostgreSQL; undefined on PGlite. */
export function postgresTargetOf(db: Db): PostgresTarget | undefined {
  return postgresTargets.get(db);
}

export interface DatabaseTarget {
  /** PostgreSQL connection string; when absent, the embedded PGlite database in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** PostgreSQL only: work in this schema (created when missing), so test runs never meet. */
  schema?: string | undefined;
  /** Tests of a migration: stop after the named one instead of the latest. */
  migrateTo?: string | undefined;
  /** PostgreSQL only: the most connections this process opens (10 by default). */
  poolSize?: number | undefined;
  /**
   * PGlite only: start from this dump of a data folder (see `dumpDataDir`) instead of an empty one; a
   * new folder on disk starts from the built empty database when there is one (empty-database.ts).
   */
  template?: Blob | undefined;
}

export interface OpenDatabase {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs the migrations not yet run (after one opened with `migrateTo`). */
  migrate(): Promise<void>;
  /** PGlite only: the whole data folder as one tar file, uncompressed unless gzip is asked for. */
  dumpDataDir?: (compression?: 'none' | 'gzip') => Promise<Blob>;
  close(): Promise<void>;
}

/** Opens the database (PostgreSQL when a URL is given, else PGlite) and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const opened = target.databaseUrl
    ? await openPostgres(target.databaseUrl, target.schema, target.poolSize ?? 10)
    : await openPglite(target.dataDir, target.template);
  const schema = target.databaseUrl ? target.schema : undefined;
  try {
    await migrate(opened.db, schema, target.migrateTo);
  } catch (error) {
    await opened.close();
    throw error;
  }
  // The migrations may have written new files, which PGlite creates world-readable.
  opened.tighten?.();
  const { tighten: _, ...database } = opened;
  return { ...database, migrate: () => migrate(opened.db, schema, undefined) };
}

async function openPostgres(
  url: string,
  schema: string | undefined,
  poolSize: number,
): Promise<Omit<OpenDatabase, 'migrate'> & { tighten?: () => void }> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  if (schema) await withClient(url, (admin) => admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  // timestamptz and numeric come back as Date and string by default; bigint (count) as string.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  postgresTargets.set(db, { url, schema });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openPglite(
  dataDir: string,
  template: Blob | undefined,
): Promise<Omit<OpenDatabase, 'migrate'> & { tighten: () => void }> {
  const inMemory = dataDir.startsWith('memory://');
  const start = template ?? (inMemory ? undefined : emptyDatabaseFor(dataDir));
  if (!inMemory) tightenFolder(dataDir);
  const unlock = inMemory ? () => {} : lockFolder(dataDir);
  const tighten = inMemory ? () => {} : () => tightenFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, {
      // Trigram indexes for search (migration 0021).
      extensions: { pg_trgm },
      serializers: { [BYTEA_OID]: serializeBytea },
      parsers: { [BYTEA_OID]: parseBytea },
      ...(start ? { loadDataDir: start } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  tighten();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(pglite) }) });
  return {
    db,
    kind: 'pglite',
    dumpDataDir: (compression = 'none') => pglite.dumpDataDir(compression),
    tighten,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      tighten();
      unlock();
    },
  };
}

const BYTEA_OID = 17;

/**
 * bytea as PostgreSQL's hex text, by Buffer: PGlite's own converters go byte by byte through an
 * array of strings, which took 8 s and hundreds of MB for the raw mail of one 25 MB attachment.
 */
function serializeBytea(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new Error('a bytea value must be a Uint8Array');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

function parseBytea(text: string): Uint8Array {
  const bytes = Buffer.from(text.slice(2), 'hex');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** CalmDesk's own advisory lock around a whole migration on PostgreSQL (Kysely's covers only the migrations). */
export const MIGRATE_LOCK = 7_283_115_420_611n;

async function migrate(db: Db, schema: string | undefined, to: string | undefined): Promise<void> {
  const target = postgresTargets.get(db);
  if (!target) return runMigrator(db, schema, to);
  // Before taking its lock, Kysely's migrator reads every table of every schema, column by column by
  // name: a column another process renames meanwhile (migration 0006 renames `amount`) fails that read
  // with "column … does not exist". One lock over the whole run keeps readers and migrations apart. It
  // is held on a connection of its own, so a pool of one still has its connection for the migrator.
  // Ending the connection releases the lock.
  await withClient(target.url, async (holder) => {
    await holder.query(`SELECT pg_advisory_lock(${MIGRATE_LOCK})`);
    await runMigrator(db, schema, to);
  });
}

/** Runs `work` on a connection of its own, outside the pool, and closes it after. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function runMigrator(db: Db, schema: string | undefined, to: string | undefined): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: another schema's
  // kysely_migration would make it skip creating this schema's own.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await (to ? migrator.migrateTo(to) : migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? error}`);
  }
}
