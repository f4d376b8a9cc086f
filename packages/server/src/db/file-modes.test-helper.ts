import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file and folder under `dir` (itself included) whose mode is not 0600 (files) or 0700 (folders). */
export function looseEntries(dir: string): string[] {
  const loose: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    const expected = stat.isDirectory() ? 0o700 : 0o600;
    if ((stat.mode & 0o777) !== expected) loose.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return loose;
}

/** How many files and folders there are under `dir`, itself included. */
export function countEntries(dir: string): number {
  let count = 1;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    count += entry.isDirectory() ? countEntries(join(dir, entry.name)) : 1;
  }
  return count;
}
