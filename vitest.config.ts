import { defineConfig } from 'vitest/config';

// Four projects, each runnable alone (`npx vitest run --project db`); `npm test` runs them all.
//   unit     pure code: the engine, the web app's logic, the CLI's text commands, the scripts
//   db       a real app or database: createTestApp, PGlite, PostgreSQL when DATABASE_URL answers
//   process  real server and CLI processes (packages/server/test/, *.process.test.ts)
//   browser  the built web app in Chromium (packages/web/e2e)
// Tests of the server's src/ that open no database are listed as unit; any other server test is db.

const SERVER_UNIT = [
  'packages/server/src/boundaries/recommend-boundaries.test.ts',
  'packages/server/src/imports/parsers.test.ts',
  'packages/server/src/profiles/client-types.test.ts',
  'packages/server/src/cli/analyze.test.ts',
  'packages/server/src/cli/coach.test.ts',
  'packages/server/src/cli/main.test.ts',
  'packages/server/src/testing/requirements.test.ts',
  'packages/server/src/mail/describe-imap-error.test.ts',
  'packages/server/src/notifications/notification-texts.test.ts',
  'packages/server/src/live/presence.test.ts',
  'packages/server/src/cases/business-time.test.ts',
  'packages/server/src/training/scenarios.test.ts',
  'packages/server/src/gdpr/export-archive.test.ts',
  'packages/server/src/backup/backup-file.test.ts',
];
const PROCESS = ['packages/server/test/**/*.test.ts', '**/*.process.test.ts'];
const REQUIREMENTS_SETUP = 'packages/server/src/testing/requirements.global-setup.ts';
const SCHEMAS_SETUP = 'packages/server/src/testing/test-schemas.global-setup.ts';
const BUILD_SETUP = 'packages/server/src/testing/build.global-setup.ts';

// The database, process and browser tests start real apps, servers and browsers: on a busy 2-core
// machine a fresh database with its migrations can take well over the default 10 s.
const SLOW_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 120_000, teardownTimeout: 30_000 };
// `expect.poll` waits for a page or a server to show something; Vitest gives up after 1 s, which a
// debounced search answered on a busy machine outlasts. Playwright's own waits allow 30 s: so do ours.
const POLL_TIMEOUT = { expect: { poll: { timeout: 30_000 } } };
// A timeout catches a hang, not slowness (speed lives in `npm run bench`): a property test that takes
// 0.7 s on a quiet machine takes over 5 s beside a heavy build.
const UNIT_TIMEOUT = { testTimeout: 30_000 };
// A worker keeps the modules it has loaded for its next test file instead of loading the server and
// the engine again for each: half the CPU of the unit and database tests. Test files share no state
// through modules: each opens its own app, database and servers.
const SHARED_MODULES = { isolate: false };

export default defineConfig({
  test: {
    // Vitest would keep one core free; on a 2-core machine that runs every file one after another.
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/analysis/{src,test,train}/**/*.test.{ts,tsx}',
            'packages/contracts/src/**/*.test.ts',
            'packages/web/src/**/*.test.{ts,tsx}',
            'scripts/**/*.test.ts',
            ...SERVER_UNIT,
          ],
          exclude: ['**/node_modules/**', ...PROCESS],
          ...UNIT_TIMEOUT,
          ...SHARED_MODULES,
        },
      },
      {
        test: {
          name: 'db',
          include: ['packages/server/src/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', ...SERVER_UNIT, ...PROCESS],
          globalSetup: [REQUIREMENTS_SETUP, SCHEMAS_SETUP],
          ...SLOW_TIMEOUTS,
          ...SHARED_MODULES,
        },
      },
      {
        test: {
          name: 'process',
          include: PROCESS,
          exclude: ['**/node_modules/**', 'scripts/fixtures/**'],
          globalSetup: [REQUIREMENTS_SETUP, SCHEMAS_SETUP, BUILD_SETUP],
          ...SLOW_TIMEOUTS,
          ...SHARED_MODULES,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['packages/web/e2e/**/*.test.ts'],
          globalSetup: [REQUIREMENTS_SETUP, 'packages/web/e2e/build.global-setup.ts'],
          ...SLOW_TIMEOUTS,
          ...POLL_TIMEOUT,
          ...SHARED_MODULES,
        },
      },
    ],
  },
});
