import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../package-root.ts';
import { openDatabase } from './database.ts';
import { EMPTY_DATABASE, emptyDatabaseKey } from './empty-database.ts';

/**
 * Writes the built dump (`dist/empty-database.tar.gz`), made again only when the migrations or PGlite
 * changed since the last build (kept by key in `node_modules/.cache/calmdesk/`), so a build costs
 * seconds only the first time.
 */
export async function buildEmptyDatabase(): Promise<void> {
  const cache = fileURLToPath(
    packageFile(`node_modules/.cache/calmdesk/empty-database-${emptyDatabaseKey()}.tar.gz`),
  );
  if (!existsSync(cache)) {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const dump = await database.dumpDataDir?.('gzip');
      if (!dump) throw new Error('PGlite gave no dump of its data folder');
      mkdirSync(dirname(cache), { recursive: true });
      // Written aside and renamed, so that a build running beside never reads half a file.
      const partial = `${cache}.${process.pid}.partial`;
      writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
      renameSync(partial, cache);
    } finally {
      await database.close();
    }
  }
  copyFileSync(cache, fileURLToPath(packageFile(EMPTY_DATABASE)));
}

// `node dist/build-empty-database.js`, run by the build.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildEmptyDatabase();
