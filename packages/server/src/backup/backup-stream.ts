import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import type { Db } from '../db/database.ts';
import { backupWriter } from './backup-file.ts';
import { dumpDatabase } from './dump.ts';

/**
 * The database as a gzip-compressed backup stream, written as it is read. When the reader goes away
 * the dump stops and its transaction ends: on PGlite that transaction holds the only connection.
 */
export function backupStream(db: Db, kind: 'pglite' | 'postgres', now: Date): Gzip {
  const gzip = createGzip();
  dumpDatabase(
    db,
    kind,
    backupWriter((line) => writeWithBackpressure(gzip, line)),
    now,
  ).then(
    () => gzip.end(),
    (error: Error) => gzip.destroy(error),
  );
  return gzip;
}

function writeWithBackpressure(stream: Writable, text: string): Promise<void> {
  if (stream.destroyed) return Promise.reject(new Error('the backup stream was closed'));
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', drained);
      stream.off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const drained = () => settle();
    const closed = () => settle(new Error('the backup stream was closed'));
    stream.once('drain', drained);
    stream.once('close', closed);
  });
}
