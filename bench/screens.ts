/**
 * `npx tsx bench/screens.ts`: the requests behind every screen an agent opens — inbox, case, customer
 * — on a business of 100,000 customers and 1,000,000 invoices (the analytics bench's data), on
 * PostgreSQL (DATABASE_URL, a fresh schema dropped afterwards) and PGlite (a temporary folder, scaled
 * down by BENCH_PGLITE_SHARE, 0 to leave it out) in one run. Each request is sent through the HTTP app (`inject`: auth,
 * validation, the SQL, serialisation) for SAMPLES different customers or cases picked at random, after
 * a warm-up; p50 and p99 of those. The floor, measured the same way in the same run: `GET /api/session`
 * with a bearer token (the HTTP stack and one token lookup).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import { buildApp, createToken, type Db, loadConfig, openDatabase } from '@calmdesk/server/testing';
import { generateAnalyticsData } from './analytics.ts';
import { quantile } from './measure.ts';

const FULL = { customers: 100_000, invoices: 1_000_000, bookings: 300_000, cases: 50_000 };
const SAMPLES = 200;
const WARMUP = 20;
const TARGET_P99_MS = 50;

/** One screen's request; `{customer}` and `{case}` are replaced by a random id of each sample. */
const SCREENS: ReadonlyArray<{ name: string; path: string }> = [
  { name: 'inbox (50 by priority)', path: '/api/cases?sort=priority&limit=50' },
  {
    name: 'inbox, open cases of one agent',
    path: '/api/cases?sort=priority&limit=50&status=open&assignee=st3',
  },
  { name: 'case', path: '/api/cases/{case}' },
  { name: 'case log (first page)', path: '/api/cases/{case}/interactions' },
  { name: 'customer', path: '/api/customers/{customer}' },
  { name: 'customer profile', path: '/api/customers/{customer}/profile' },
  { name: 'customer standing', path: '/api/customers/{customer}/standing' },
  { name: 'boundary recommendations', path: '/api/customers/{customer}/recommendations' },
  { name: "a customer's cases", path: '/api/cases?customer={customer}&limit=50' },
];

export interface ScreensBenchResult {
  database: 'PGlite' | 'PostgreSQL';
  customers: number;
  floor: { p50: number; p99: number };
  screens: Array<{ p50: number; p99: number }>;
}

export async function runScreensBench(): Promise<ScreensBenchResult[]> {
  const share = Number(process.env.BENCH_PGLITE_SHARE ?? '0.1');
  const results = share > 0 ? [await benchDatabase(undefined, scaled(share))] : [];
  if (process.env.DATABASE_URL) results.push(await benchDatabase(process.env.DATABASE_URL, FULL));
  return results;
}

function scaled(share: number): typeof FULL {
  return {
    customers: Math.round(FULL.customers * share),
    invoices: Math.round(FULL.invoices * share),
    bookings: Math.round(FULL.bookings * share),
    cases: Math.round(FULL.cases * share),
  };
}

async function benchDatabase(
  databaseUrl: string | undefined,
  scale: typeof FULL,
): Promise<ScreensBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-screens-'));
  const schema = databaseUrl ? `bench_screens_${process.pid}_${Date.now().toString(36)}` : undefined;
  const database = await openDatabase({ databaseUrl, dataDir, schema });
  try {
    const db = database.db;
    await generateAnalyticsData(db, scale);
    const now = new Date();
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'warn' }), now: () => now });
    const headers = { authorization: `Bearer ${(await createToken(db, 'owner', 'bench')).token}` };
    const caseIds = await sampleIds(db, 'cases', SAMPLES + WARMUP);
    const customerIds = await sampleIds(db, 'customers', SAMPLES + WARMUP);
    const timeScreen = async (path: string) => {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES + WARMUP; i++) {
        const url = path.replace('{case}', caseIds[i] ?? '').replace('{customer}', customerIds[i] ?? '');
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url, headers });
        const ms = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        if (i >= WARMUP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
    };
    const floor = await timeScreen('/api/session');
    const screens = [];
    for (const screen of SCREENS) screens.push(await timeScreen(screen.path));
    await app.close();
    return { database: databaseUrl ? 'PostgreSQL' : 'PGlite', customers: scale.customers, floor, screens };
  } finally {
    if (schema) await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ids spread over the whole table, the same every run. */
async function sampleIds(db: Db, table: 'cases' | 'customers', count: number): Promise<string[]> {
  const rows = await db.selectFrom(table).select('id').orderBy('id').execute();
  const step = Math.max(1, Math.floor(rows.length / count));
  return Array.from({ length: count }, (_, i) => rows[(i * step) % rows.length]?.id ?? '');
}

export function screensBenchRows(results: readonly ScreensBenchResult[]): string[][] {
  const ms = (value: number) => value.toFixed(1);
  const rows = SCREENS.map((screen, i) => [
    screen.name,
    ...results.flatMap((r) => {
      const figure = r.screens[i] ?? { p50: 0, p99: 0 };
      return [`${ms(figure.p50)} / ${ms(figure.p99)}`, (figure.p99 / r.floor.p99).toFixed(1)];
    }),
    `p99 < ${TARGET_P99_MS} ms`,
  ]);
  rows.push([
    'floor: GET /api/session',
    ...results.flatMap((r) => [`${ms(r.floor.p50)} / ${ms(r.floor.p99)}`, '1.0']),
    '',
  ]);
  return rows;
}

/** Runs the bench and prints its table (also part of `npm run bench`). */
export async function reportScreensBench(markdown: boolean): Promise<void> {
  const results = await runScreensBench();
  if (!process.env.DATABASE_URL) console.log('(DATABASE_URL is not set: PostgreSQL skipped)');
  const sizes = results.map((r) => `${r.database} ${r.customers.toLocaleString('en')} customers`).join(', ');
  console.log(
    renderTable(
      `Screens an agent opens, server time through the HTTP app (${sizes}; ${SAMPLES} different ids each, after ${WARMUP} warm-up requests); p50 / p99 ms and p99 ÷ the floor's p99`,
      [
        'request',
        ...results.flatMap((r) => [`${r.database} p50 / p99 ms`, `${r.database} ÷ floor`]),
        'target',
      ],
      screensBenchRows(results),
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportScreensBench(process.argv.includes('--markdown'));
}
