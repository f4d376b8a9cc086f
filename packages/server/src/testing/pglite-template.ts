import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { emptyDatabaseKey } from '../db/empty-database.ts';

let template: Promise<Blob> | undefined;

/**
 * A dump of an empty PGlite database with every migration run, for tests to start from: creating a
 * PGlite database (its initdb) and migrating it costs about 2 s of CPU, loading the dump about 0.6 s,
 * and the test suite opens dozens. Kept in the temporary folder under a hash of the migrations' code,
 * so that every test file and worker of a run (and the next run) share it, and a changed migration
 * (or another PGlite) makes a new one.
 */
export function migratedPglite(): Promise<Blob> {
  template ??= loadOrMake();
  return template;
}

async function loadOrMake(): Promise<Blob> {
  const file = join(tmpdir(), `calmdesk-test-pglite-${emptyDatabaseKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const dump = await database.dumpDataDir?.();
      if (!dump) throw new Error('PGlite gave no dump of its data folder');
      // Written aside and renamed, so that a worker reading it never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
      renameSync(partial, file);
      return dump;
    } finally {
      await database.close();
    }
  }
}
