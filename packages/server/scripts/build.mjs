// Bundles the CLI and the server into dist/ (ES modules for Node), so `calmdesk` starts without
// compiling TypeScript. Dependencies stay in node_modules; the workspace's own packages are bundled
// in, since they export TypeScript sources. Each command is its own chunk (cli/command-index.ts
// imports them lazily), so `calmdesk --version` loads only the CLI's entry.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).filter((name) => !name.startsWith('@calmdesk/'));
const outdir = new URL('dist/', root);

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: fileURLToPath(root),
  entryPoints: { main: 'src/cli/main.ts', 'build-empty-database': 'src/db/build-empty-database.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
});

// A new data folder starts from an empty, migrated database instead of running initdb and every
// migration (src/db/empty-database.ts); made again only when the migrations or PGlite changed.
execFileSync(process.execPath, [fileURLToPath(new URL('build-empty-database.js', outdir))], {
  stdio: 'inherit',
});
