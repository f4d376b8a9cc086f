// `npm run typecheck [FOLDER]...`: every TypeScript project (each `tsconfig*.json`) of the workspaces,
// the bench and the scripts, or those under the folders given, checked by the native TypeScript
// compiler one after another (it checks on every core by itself). Each failure's output is printed;
// the exit status is 1 when any project failed.
//
// The native compiler (TypeScript 7) checks the whole repository in well under half the time the
// JavaScript one took. It is installed as `typescript-native` because TypeScript 5's JavaScript API
// stays installed as `typescript`: dependency-cruiser reads the imports with it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
// Walked from the folders that hold code only: a data folder beside them holds thousands of files.
const CODE_FOLDERS = [
  ...JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces,
  'bench',
  'scripts',
].map((folder) => join(ROOT, folder));
const NATIVE_TSC = join(
  dirname(createRequire(import.meta.url).resolve('typescript-native/package.json')),
  'bin',
  'tsc',
);

/** Every `tsconfig*.json` under `folder`, in a stable order. */
function projectsUnder(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...projectsUnder(path));
    else if (/^tsconfig.*\.json$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}

const folders = process.argv.slice(2).map((folder) => resolve(folder));
const projects = (folders.length > 0 ? folders : CODE_FOLDERS).flatMap(projectsUnder);
let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, [NATIVE_TSC, '-p', project], { encoding: 'utf8' });
  if (result.status === 0) continue;
  failed++;
  process.stderr.write(
    `typecheck ${relative(ROOT, project)} failed:\n${result.stdout}${result.stderr}${result.error ?? ''}\n`,
  );
}
console.log(`typecheck: ${projects.length - failed} of ${projects.length} projects clean`);
process.exitCode = failed > 0 || projects.length === 0 ? 1 : 0;
