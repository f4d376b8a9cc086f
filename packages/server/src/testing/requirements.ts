import { accessSync, constants } from 'node:fs';
import pg from 'pg';

/** What some tests need beyond Node.js and npm: a browser, a PostgreSQL server, an IMAP server. */
export const PARTS = ['browser', 'postgres', 'imap'] as const;
export type Part = (typeof PARTS)[number];

export type Env = Record<string, string | undefined>;

/** The tests that need each part, as the line about a missing part names them. */
export const PART_TESTS: Record<Part, string> = {
  browser: 'the browser tests (packages/web/e2e)',
  postgres: 'the database tests on PostgreSQL (they ran on the embedded PGlite only)',
  imap: 'the mail tests against a real IMAP server',
};

export interface PartStatus {
  part: Part;
  available: boolean;
  /** Where the part was found, or what is missing and how to get it. */
  detail: string;
}

/** The Dovecot binary the mail tests start as their IMAP server: DOVECOT_PATH, else Debian's. */
export function dovecotPath(env: Env = process.env): string {
  return env.DOVECOT_PATH || '/usr/sbin/dovecot';
}

/** The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(env: Env = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * The parts CALMDESK_TEST_REQUIRE names (a comma list): tests needing one of them fail when it is
 * missing instead of being skipped. An unknown name is an error, so a typo never turns into a skip.
 */
export function requiredParts(env: Env = process.env): Set<Part> {
  const names = (env.CALMDESK_TEST_REQUIRE ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!(PARTS as readonly string[]).includes(name)) {
      throw new Error(`CALMDESK_TEST_REQUIRE: unknown part '${name}'; the parts are ${PARTS.join(', ')}`);
    }
  }
  return new Set(names as Part[]);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function checkBrowser(env: Env): PartStatus {
  const path = chromiumPath(env);
  if (isExecutable(path)) return { part: 'browser', available: true, detail: `Chromium at ${path}` };
  return {
    part: 'browser',
    available: false,
    detail: env.CHROMIUM_PATH
      ? `no Chromium at CHROMIUM_PATH=${path}`
      : `no Chromium at ${path} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  };
}

function checkImap(env: Env): PartStatus {
  const path = dovecotPath(env);
  if (isExecutable(path)) return { part: 'imap', available: true, detail: `Dovecot at ${path}` };
  return {
    part: 'imap',
    available: false,
    detail: `no IMAP server: no Dovecot at ${path} (apt-get install -y dovecot-imapd, or set DOVECOT_PATH)`,
  };
}

async function checkPostgres(env: Env, timeoutMs: number): Promise<PartStatus> {
  const url = env.DATABASE_URL;
  if (!url) {
    return {
      part: 'postgres',
      available: false,
      detail:
        'no PostgreSQL: DATABASE_URL is not set (createdb -h 127.0.0.1 -U postgres calmdesk_test, then ' +
        'DATABASE_URL=postgres://postgres@127.0.0.1:5432/calmdesk_test)',
    };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { part: 'postgres', available: true, detail: `PostgreSQL at ${redact(url)}` };
  } catch (error) {
    return {
      part: 'postgres',
      available: false,
      detail: `no PostgreSQL: DATABASE_URL (${redact(url)}) does not answer: ${(error as Error).message}`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

/** Whether the part is on this machine, and where, or what is missing and how to get it. */
export async function checkPart(part: Part, env: Env = process.env, timeoutMs = 3000): Promise<PartStatus> {
  if (part === 'browser') return checkBrowser(env);
  if (part === 'imap') return checkImap(env);
  return checkPostgres(env, timeoutMs);
}

/** The one line printed for a missing part: skipped, or failing when CALMDESK_TEST_REQUIRE names it. */
export function missingLine(status: PartStatus, what: string, required: boolean): string {
  return required
    ? `FAIL ${what}: ${status.detail}; CALMDESK_TEST_REQUIRE requires ${status.part}`
    : `skipped ${what}: ${status.detail}`;
}

export class MissingPartError extends Error {}

/**
 * For a test file's top level: true when the part is there; false when it is missing (the file skips
 * its tests); a MissingPartError when it is missing and CALMDESK_TEST_REQUIRE names it, which fails the file.
 */
export async function hasPart(part: Part, env: Env = process.env): Promise<boolean> {
  const required = requiredParts(env).has(part);
  const status = await checkPart(part, env);
  if (status.available) return true;
  if (required) throw new MissingPartError(missingLine(status, PART_TESTS[part], true));
  return false;
}
