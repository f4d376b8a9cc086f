/**
 * The server package's folder (`packages/server/`), for files read at run time by path. This module is
 * `src/package-root.ts` in the sources and part of a chunk in `dist/` once built: one level below the
 * package either way, so the same relative URL holds for Vitest, tsx and the built CLI.
 */
export const packageRoot = new URL('../', import.meta.url);

/** A file or folder inside the server package, e.g. `packageFile('package.json')`. */
export function packageFile(path: string): URL {
  return new URL(path, packageRoot);
}
