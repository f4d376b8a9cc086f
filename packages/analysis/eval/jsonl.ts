import { existsSync, readFileSync } from 'node:fs';

export function readJsonl<T>(path: string): T[] | null {
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
