import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'calmdesk.lock';

/** Another live process holds the embedded database folder. */
export class FolderBusyError extends Error {}

/**
 * Takes the embedded database folder for this process: two PGlite instances on one folder corrupt it,
 * so every opener (the server, a CLI command) holds this lock while the database is open. A lock left
 * by a process that died (kill -9) is taken over.
 */
export function lockFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => releaseIfOurs(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && isProcessAlive(holder)) {
        throw new FolderBusyError(`the database folder ${dataDir} is in use by process ${holder}`);
      }
      unlinkSync(path);
    }
  }
  throw new FolderBusyError(`could not lock the database folder ${dataDir}`);
}

function releaseIfOurs(path: string): void {
  try {
    if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Whether a process with this id is running (signal 0 only checks). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the embedded database folder if need be and makes it its owner's alone: the folder and its
 * subfolders 0700, every file 0600. PGlite's Node filesystem writes its files 0666 whatever the umask, so
 * this runs on every open (which also tightens a folder left loose by an older CalmDesk), after the
 * migrations and on close. The 0700 folder is what keeps other accounts out in between.
 */
export function tightenFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tightenTree(dataDir);
}

function tightenTree(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const name of readdirSync(path)) tightenTree(join(path, name));
  } else if ((stat.mode & 0o777) !== 0o600) {
    chmodSync(path, 0o600);
  }
}
