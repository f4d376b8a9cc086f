import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The process tests spawn `calmdesk`, which runs the bundle in dist/: build it from the sources first
 * (well under a second), so a run never tests yesterday's build.
 */
export default function buildTheCli(): void {
  const script = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: 'inherit' });
}
