import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from './schema.ts';

/**
 * The one feature folder that writes each table (ARCHITECTURE.md); everyone else calls its functions.
 * `cases/` writes `abuse_incidents` itself: an incident is stored in the same statement as the message
 * that carries it.
 */
const OWNERS: Record<keyof Database, string> = {
  organisation: 'settings',
  users: 'users',
  sessions: 'auth',
  api_tokens: 'auth',
  customers: 'customers',
  cases: 'cases',
  interactions: 'cases',
  commitments: 'commitments',
  compensations: 'compensations',
  audit_log: 'audit',
  audit_heads: 'audit',
  bookings: 'imports',
  invoices: 'imports',
  prepaid_packages: 'imports',
  boundary_decisions: 'boundaries',
  abuse_incidents: 'cases',
  mailboxes: 'mail',
  mail_messages: 'mail',
  mail_attachments: 'mail',
  mail_outbox: 'mail',
  notifications: 'notifications',
  rate_limits: 'auth',
  jobs: 'jobs',
  training_sessions: 'training',
  idempotency_keys: 'idempotency',
  canned_replies: 'replies',
  revenue_ranks: 'profiles',
  revenue_rank_totals: 'profiles',
  revenue_rank_state: 'profiles',
  case_search: 'search',
  saved_views: 'inbox',
  case_reads: 'inbox',
};

const SRC = join(import.meta.dirname, '..');
const WRITE =
  /(?:insertInto|updateTable|deleteFrom)\(\s*'([a-z_]+)'|\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+([a-z_]+)\b/g;

/** Source files that run in the product: tests, test helpers, migrations and the test app build their own data. */
function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['migrations', 'testing'].includes(entry.name) ? [] : productFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-helper)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('table owners', () => {
  it('writes each table only in the feature that owns it', () => {
    const writes: string[] = [];
    for (const file of productFiles(SRC)) {
      const feature = relative(SRC, file).split('/')[0] ?? '';
      for (const match of readFileSync(file, 'utf8').matchAll(WRITE)) {
        const table = (match[1] ?? match[2] ?? '') as keyof Database;
        if (!(table in OWNERS)) continue;
        if (OWNERS[table] !== feature)
          writes.push(`${relative(SRC, file)} writes ${table}, owned by ${OWNERS[table]}/`);
      }
    }
    expect(writes).toEqual([]);
  });
});
