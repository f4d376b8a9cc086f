import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the web app into packages/web/dist once, before any browser test file starts: the files run
 * two at a time, and a file building it again would empty dist/ under the other file's server.
 */
export default function buildWebApp(): void {
  const started = performance.now();
  const vite = join(WEB_ROOT, '../../node_modules/.bin/vite');
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
  execFileSync(vite, ['build', '--logLevel', 'warn'], {
    cwd: WEB_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  process.env.CALMDESK_WEB_BUILD_MS = String(Math.round(performance.now() - started));
}
