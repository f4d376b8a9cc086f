#!/usr/bin/env node
// Runs the CLI from the JavaScript bundled into dist/ (`npm run build`; `npm ci`, `npm start` and
// `npm test` build it), so no TypeScript is compiled at start-up.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    'calmdesk: the CLI is not built (packages/server/dist is missing): run `npm ci` or `npm run build`',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
