/**
 * `npx tsx bench/search.ts`: the inbox search (`GET /api/cases?q=`) over 100,000 cases with 300,000
 * log entries of made-up Polish, Estonian and English text, 50,000 customers with e-mail addresses and
 * phone numbers, on PostgreSQL (DATABASE_URL, a fresh schema dropped afterwards) and PGlite (a
 * temporary folder; BENCH_PGLITE_SHARE scales it down) in one run. Timed through the HTTP app
 * (`inject`: auth, validation, the query, serialisation), the median of RUNS after a warm-up.
 * The floor, measured the same way in the same database: the inbox's first page without a search.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import { buildApp, createToken, type Db, loadConfig, openDatabase } from '@calmdesk/server/testing';
import { median, textArray } from './analytics.ts';
import { runStatement } from './run-statement.ts';

const FULL = { customers: 50_000, cases: 100_000 };
const ENTRIES_PER_CASE = 3;
const WORDS_PER_ENTRY = 14;
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 9);
/** A search on PostgreSQL at 100,000 cases. */
const TARGET_MS = 50;

/** Everyday words; the rarer ones are what a search usually looks for. */
const WORDS = [
  'dzień',
  'dobry',
  'zamówienie',
  'paczka',
  'nie',
  'przyszła',
  'proszę',
  'o',
  'zwrot',
  'pieniędzy',
  'reklamacja',
  'wizyta',
  'odwołana',
  'termin',
  'faktura',
  'błąd',
  'kwota',
  'żółw',
  'źle',
  'się',
  'czuję',
  'tere',
  'tellimus',
  'ei',
  'jõudnud',
  'palun',
  'raha',
  'tagasi',
  'arve',
  'viga',
  'õun',
  'äge',
  'sõber',
  'hello',
  'order',
  'never',
  'arrived',
  'refund',
  'please',
  'invoice',
  'wrong',
  'booking',
  'cancelled',
];
const RARE = ['gwarancja', 'jäätis', 'chargeback', 'pęknięty', 'külmkapp', 'wyświetlacz'];

const SEARCHES: Array<{ name: string; q: string }> = [
  { name: 'a rare word without its marks (pekniety)', q: 'pekniety' },
  { name: 'a common word without its marks (tellimus)', q: 'tellimus' },
  { name: 'an Estonian word (jaatis)', q: 'jaatis' },
  { name: 'a customer name (Customer 4242)', q: 'customer 4242' },
  { name: 'an e-mail address', q: 'customer31337@example.test' },
  { name: 'a phone number with spaces', q: '600 012 345' },
];

type Scale = typeof FULL;

interface SearchBenchResult {
  database: string;
  scale: Scale;
  floorMs: number;
  searchMs: number[];
  found: number[];
  loadSeconds: number;
}

async function benchDatabase(databaseUrl: string | undefined, scale: Scale): Promise<SearchBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-search-'));
  const schema = databaseUrl ? `bench_search_${process.pid}_${Date.now().toString(36)}` : undefined;
  const database = await openDatabase({ databaseUrl, dataDir, schema });
  try {
    const db = database.db;
    const started = performance.now();
    await generateSearchData(db, scale);
    const loadSeconds = (performance.now() - started) / 1000;
    const now = new Date();
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'warn' }), now: () => now });
    const headers = { authorization: `Bearer ${(await createToken(db, 'owner', 'bench')).token}` };
    const request = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response;
    };
    const floorMs = await median(() => request('/api/cases?status=active'), RUNS);
    const searchMs: number[] = [];
    const found: number[] = [];
    for (const { q } of SEARCHES) {
      const url = `/api/cases?status=active&q=${encodeURIComponent(q)}`;
      searchMs.push(await median(() => request(url), RUNS));
      found.push((await request(url)).json().items.length);
    }
    await app.close();
    return { database: databaseUrl ? 'PostgreSQL' : 'PGlite', scale, floorMs, searchMs, found, loadSeconds };
  } finally {
    // BENCH_SEARCH_KEEP leaves the data in place to look at the plans (psql, SET search_path).
    if (schema && !process.env.BENCH_SEARCH_KEEP) {
      await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    } else if (schema) console.log(`kept schema ${schema}`);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Customers with an e-mail and a phone, cases on them, each with three entries of random words. */
async function generateSearchData(db: Db, scale: Scale): Promise<void> {
  const { customers, cases } = scale;
  const words = textArray(WORDS);
  const rare = textArray(RARE);
  const statements = [
    `INSERT INTO customers (id, name, emails, phones, updated_at)
      SELECT 'cu' || g, 'Customer ' || g, ARRAY['customer' || g || '@example.test'],
        ARRAY['+48600' || lpad(g::text, 6, '0')], now()
      FROM generate_series(1, ${customers}) AS g`,
    `INSERT INTO cases (id, customer_id, subject, channel, status, level, created_at, updated_at)
      SELECT 'ca' || g, 'cu' || (1 + g % ${customers}), 'Case ' || g || ' ' || (${words})[1 + g % ${WORDS.length}],
        'email', (ARRAY['open', 'new', 'waiting_customer', 'resolved'])[1 + floor(random() * 4)::int],
        (ARRAY['calm', 'upset', 'angry', 'hostile'])[1 + floor(random() * 4)::int],
        now() - g * interval '5 minutes', now()
      FROM generate_series(1, ${cases}) AS g`,
    // Generated data, not appended entries: the end-of-log check is off while they go in.
    'ALTER TABLE interactions DISABLE TRIGGER interactions_at_recorded_end',
    `INSERT INTO interactions (id, case_id, seq, kind, body, body_digest, created_at, prev_hash, hash)
      SELECT c.id || '-' || seq, c.id, seq, CASE seq WHEN 2 THEN 'outbound' ELSE 'inbound' END,
        t.body, encode(sha256(convert_to(t.body, 'UTF8')), 'hex'), c.created_at, '-', '-'
      FROM cases AS c CROSS JOIN generate_series(1, ${ENTRIES_PER_CASE}) AS seq
      CROSS JOIN LATERAL (
        -- Refers to the row (seq, c.id) so that each entry gets words of its own.
        SELECT string_agg(CASE WHEN random() < 0.002 THEN (${rare})[1 + floor(random() * ${RARE.length})::int]
            ELSE (${words})[1 + floor(random() * ${WORDS.length})::int] END, ' ') AS body
        FROM generate_series(1, ${WORDS_PER_ENTRY} + 0 * seq + 0 * length(c.id)) AS w
      ) AS t`,
    'ALTER TABLE interactions ENABLE TRIGGER interactions_at_recorded_end',
    'VACUUM ANALYZE',
  ];
  for (const statement of statements) await runStatement(db, statement);
}

function pgliteScale(): Scale {
  const share = Number(process.env.BENCH_PGLITE_SHARE ?? 1);
  return { customers: Math.round(FULL.customers * share), cases: Math.round(FULL.cases * share) };
}

export async function runSearchBench(): Promise<SearchBenchResult[]> {
  const results: SearchBenchResult[] = [];
  if (process.env.DATABASE_URL) results.push(await benchDatabase(process.env.DATABASE_URL, FULL));
  if (process.env.BENCH_SEARCH_PGLITE !== '0') results.push(await benchDatabase(undefined, pgliteScale()));
  return results;
}

/** Runs the bench and prints its table (also part of `npm run bench`). */
export async function reportSearchBench(markdown: boolean): Promise<void> {
  const results = await runSearchBench();
  if (!process.env.DATABASE_URL) console.log('(DATABASE_URL is not set: PostgreSQL skipped)');
  const ms = (n: number) => n.toFixed(1);
  const rows = [
    [
      'floor: the first page of active cases, no search',
      ...results.flatMap((r) => [ms(r.floorMs), '1.0', '']),
      '',
    ],
    ...SEARCHES.map((search, i) => [
      search.name,
      ...results.flatMap((r) => [
        ms(r.searchMs[i] ?? 0),
        ((r.searchMs[i] ?? 0) / r.floorMs).toFixed(1),
        String(r.found[i] ?? 0),
      ]),
      `< ${TARGET_MS} ms`,
    ]),
    [
      'data: customers / cases / log entries; generation, s',
      ...results.flatMap((r) => [
        `${r.scale.customers} / ${r.scale.cases} / ${r.scale.cases * ENTRIES_PER_CASE}`,
        r.loadSeconds.toFixed(1),
        '',
      ]),
      '',
    ],
  ];
  console.log(
    renderTable(
      `Inbox search (GET /api/cases?status=active&q=…, first page of 50), HTTP inject, median of ${RUNS} after a warm-up`,
      ['search', ...results.flatMap((r) => [`${r.database} ms`, '× floor', 'found']), 'target (PostgreSQL)'],
      rows,
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportSearchBench(process.argv.includes('--markdown'));
}
