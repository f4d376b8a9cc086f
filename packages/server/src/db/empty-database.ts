import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../package-root.ts';

/**
 * A new embedded database folder starts from a dump of an empty, fully migrated database made when
 * CalmDesk is built: PGlite's initdb and the migrations take about 3 s on a new folder, loading the
 * dump about 0.6 s. The migrations still run after it, so a dump older than the code only leaves the
 * newer ones to run; a folder that already holds a database never reads it.
 */
export const EMPTY_DATABASE = 'dist/empty-database.tar.gz';

/** The built dump, for a folder that holds no database yet; undefined for any other folder or without a build. */
export function emptyDatabaseFor(dataDir: string): Blob | undefined {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  try {
    return new Blob([readFileSync(packageFile(EMPTY_DATABASE))]);
  } catch {
    return undefined;
  }
}

/** A hash of the migrations' source files and of the PGlite version: what an empty database depends on. */
export function emptyDatabaseKey(): string {
  const hash = createHash('sha256');
  const folder = fileURLToPath(packageFile('src/db/migrations/'));
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.test.ts')) hash.update(name).update(readFileSync(join(folder, name)));
  }
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let root = dirname(pglite);
  while (!readdirSync(root).includes('package.json')) root = dirname(root);
  hash.update(readFileSync(join(root, 'package.json')));
  return hash.digest('hex').slice(0, 16);
}
