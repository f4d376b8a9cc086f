/**
 * `npx tsx bench/api.ts`: the HTTP API under load, on PGlite and on PostgreSQL (DATABASE_URL) in one
 * run. A real `calmdesk serve` process on loopback, autocannon in this process:
 * - inbound messages analysed and stored per second (POST /api/cases/:id/interactions);
 * - `GET /api/cases?sort=priority&limit=50` latency with 100,000 cases in the database.
 * Each figure is also given against floors measured on the same server process in the same run, at the
 * same connection count: `GET /api/health` (the HTTP stack, no database) and `GET /api/session` with a
 * session cookie (the HTTP stack and one session lookup query: the per-request database cost). A cookie,
 * not the bearer token: the server may remember a token, but looks a session up on every request.
 * PostgreSQL gets a fresh schema, dropped afterwards; PGlite a temporary folder, removed afterwards.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLAGS, type Flag, type Level, PROBLEM_CATEGORIES } from '@calmdesk/analysis';
import { renderTable } from '@calmdesk/analysis/table';
import {
  type CaseStatus,
  type Channel,
  computePriority,
  createToken,
  type Db,
  DEFAULT_SETTINGS,
  digest,
  freePort,
  newId,
  newSecret,
  openDatabase,
  SESSION_COOKIE,
  type ServeProcess,
  startServeProcess,
} from '@calmdesk/server/testing';
import { quantile } from './measure.ts';
import { benchMessages } from './messages.ts';
import { runStatement } from './run-statement.ts';

const CASES = 100_000;
const CUSTOMERS = 25_000;
const STAFF = 8;
/** Cases the inbound stream writes to, picked at random among the open ones. */
const INBOUND_CASES = 2_000;
const WARMUP_SECONDS = 3;
const MEASURE_SECONDS = 10;
const LIST_CONNECTIONS = 8;
/**
 * The latency figure comes from one connection asking again as soon as answered: the time one request
 * takes, not a queue's length (autocannon's rate limit sends each second's quota in a burst).
 */
const LIST_LATENCY_CONNECTIONS = 1;
const INBOUND_CONNECTIONS = 32;
const TARGETS = { inboundPerSecond: 1_000, listP99Ms: 50 };
/** Each floor endpoint at each connection count of the figures, this long (plus a short warm-up). */
const FLOOR_SECONDS = 1;
const FLOOR_WARMUP_REQUESTS = 2_000;
const FLOOR_CONNECTIONS = [LIST_LATENCY_CONNECTIONS, LIST_CONNECTIONS, INBOUND_CONNECTIONS] as const;

// autocannon ships no types: only the options and results this bench uses are declared.
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
interface CannonResult {
  /** Seconds the run took. */
  duration: number;
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration?: number;
  /** Stop after this many requests instead of after `duration`. */
  amount?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: Array<CannonRequest & { setupRequest?: (request: CannonRequest) => CannonRequest }>;
}) => Promise<CannonResult> & {
  /** Every answer, with its response time in ms (the latency histogram keeps whole ms only). */
  on(
    event: 'response',
    listener: (client: unknown, statusCode: number | string, bytes: number, responseTimeMs: number) => void,
  ): unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface CannonRun {
  result: CannonResult;
  /** Exact response times of the 2xx answers, ms, sorted. */
  latencies: number[];
}

/** autocannon, also keeping the exact response time of every 2xx answer for the ratios to the floors. */
async function cannon(options: Parameters<Autocannon>[0]): Promise<CannonRun> {
  const latencies: number[] = [];
  const run = autocannon(options);
  run.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (Math.floor(Number(statusCode) / 100) === 2) latencies.push(responseTimeMs);
  });
  const result = await run;
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

/** A floor endpoint at one connection count; latencies exact. */
export interface FloorPoint {
  connections: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The figures' latencies from exact response times, for the ratios (the figures keep autocannon's). */
interface ExactLatencies {
  inboundP99Ms: number;
  listP50Ms: number;
  listP99Ms: number;
  listMaxP99Ms: number;
}

export interface ApiBenchResult {
  database: 'PGlite' | 'PostgreSQL';
  loadSeconds: number;
  inboundPerSecond: number;
  inboundP99Ms: number;
  listP50Ms: number;
  listP99Ms: number;
  listMaxPerSecond: number;
  listMaxP99Ms: number;
  /**
   * Inbound messages in the database afterwards, and the 201 answers autocannon counted: it drops the
   * answers still in flight when a run ends, so up to one per connection and run may be stored unseen.
   */
  stored: number;
  acknowledged: number;
  exact: ExactLatencies;
  /** `GET /api/health` (no database) and `GET /api/session` (one session lookup), per FLOOR_CONNECTIONS. */
  health: FloorPoint[];
  session: FloorPoint[];
}

/** Runs the API bench on PGlite, and on PostgreSQL when a URL is given. */
export async function runApiBench(databaseUrl = process.env.DATABASE_URL): Promise<ApiBenchResult[]> {
  const results = [await benchDatabase(undefined)];
  if (databaseUrl) results.push(await benchDatabase(databaseUrl));
  return results;
}

/**
 * The results as table rows, PostgreSQL (which the targets are for) next to PGlite: per database the
 * figure and its ratio to the health floor at the same connection count (requests/s as a fraction of the
 * floor's, latencies as a multiple of the floor's, both latencies exact).
 */
export function apiBenchRows(results: readonly ApiBenchResult[]): string[][] {
  const cells = (pick: (r: ApiBenchResult) => [string, string]) => results.flatMap(pick);
  const ms = (n: number) => n.toFixed(1);
  const fineMs = (n: number) => n.toFixed(2);
  const count = (n: number) => Math.round(n).toLocaleString('en');
  const ratio = (n: number) => n.toFixed(n < 0.1 ? 3 : n < 10 ? 2 : 0);
  const times = (n: number) => `${ratio(n)} × health`;
  const at = (points: readonly FloorPoint[], connections: number): FloorPoint => {
    const point = points.find((p) => p.connections === connections);
    if (!point) throw new Error(`no floor at ${connections} connections`);
    return point;
  };
  const health = (r: ApiBenchResult, connections: number) => at(r.health, connections);
  const perConnections = (points: readonly FloorPoint[], value: (p: FloorPoint) => string) =>
    FLOOR_CONNECTIONS.map((c) => value(at(points, c))).join(' / ');
  const connectionsLabel = FLOOR_CONNECTIONS.join(' / ');
  return [
    [
      `inbound messages/s (${INBOUND_CONNECTIONS} connections)`,
      ...cells((r) => [
        count(r.inboundPerSecond),
        times(r.inboundPerSecond / health(r, INBOUND_CONNECTIONS).perSecond),
      ]),
      `≥ ${count(TARGETS.inboundPerSecond)}`,
    ],
    [
      'inbound p99 ms',
      ...cells((r) => [
        ms(r.inboundP99Ms),
        times(r.exact.inboundP99Ms / health(r, INBOUND_CONNECTIONS).p99Ms),
      ]),
      '',
    ],
    [
      `case list p99 ms (${LIST_LATENCY_CONNECTIONS} connection)`,
      ...cells((r) => [
        ms(r.listP99Ms),
        times(r.exact.listP99Ms / health(r, LIST_LATENCY_CONNECTIONS).p99Ms),
      ]),
      `< ${TARGETS.listP99Ms}`,
    ],
    [
      `case list p50 ms (${LIST_LATENCY_CONNECTIONS} connection)`,
      ...cells((r) => [
        ms(r.listP50Ms),
        times(r.exact.listP50Ms / health(r, LIST_LATENCY_CONNECTIONS).p50Ms),
      ]),
      '',
    ],
    [
      `case list requests/s, saturated (${LIST_CONNECTIONS} connections)`,
      ...cells((r) => [
        count(r.listMaxPerSecond),
        times(r.listMaxPerSecond / health(r, LIST_CONNECTIONS).perSecond),
      ]),
      '',
    ],
    [
      'case list p99 ms, saturated',
      ...cells((r) => [ms(r.listMaxP99Ms), times(r.exact.listMaxP99Ms / health(r, LIST_CONNECTIONS).p99Ms)]),
      '',
    ],
    [
      `floor: GET /api/health requests/s (${connectionsLabel} connections)`,
      ...cells((r) => [perConnections(r.health, (p) => count(p.perSecond)), '']),
      '',
    ],
    [
      `floor: GET /api/health p99 ms (${connectionsLabel} connections)`,
      ...cells((r) => [perConnections(r.health, (p) => fineMs(p.p99Ms)), '']),
      '',
    ],
    [
      `floor: GET /api/health p50 ms (${LIST_LATENCY_CONNECTIONS} connection)`,
      ...cells((r) => [fineMs(health(r, LIST_LATENCY_CONNECTIONS).p50Ms), '']),
      '',
    ],
    [
      `db floor: GET /api/session (a session cookie: 1 session lookup) requests/s (${connectionsLabel} connections)`,
      ...cells((r) => [
        perConnections(r.session, (p) => count(p.perSecond)),
        `${perConnections(r.session, (p) => ratio(p.perSecond / health(r, p.connections).perSecond))} × health`,
      ]),
      '',
    ],
    [
      `db floor: GET /api/session p99 ms (${connectionsLabel} connections)`,
      ...cells((r) => [
        perConnections(r.session, (p) => fineMs(p.p99Ms)),
        `${perConnections(r.session, (p) => ratio(p.p99Ms / health(r, p.connections).p99Ms))} × health`,
      ]),
      '',
    ],
    [
      `db floor: GET /api/session p50 ms (${LIST_LATENCY_CONNECTIONS} connection)`,
      ...cells((r) => {
        const session = at(r.session, LIST_LATENCY_CONNECTIONS).p50Ms;
        return [fineMs(session), times(session / health(r, LIST_LATENCY_CONNECTIONS).p50Ms)];
      }),
      '',
    ],
    [
      'db floor: one session lookup query, ms (session p50 − health p50)',
      ...cells((r) => [
        fineMs(at(r.session, LIST_LATENCY_CONNECTIONS).p50Ms - health(r, LIST_LATENCY_CONNECTIONS).p50Ms),
        '',
      ]),
      '',
    ],
    [
      'inbound stored / acknowledged',
      ...cells((r) => [`${r.stored} / ${r.acknowledged}`, '']),
      `≤ +${2 * INBOUND_CONNECTIONS} in flight`,
    ],
    [`bulk load of ${count(CASES)} cases, s`, ...cells((r) => [r.loadSeconds.toFixed(1), '']), ''],
  ];
}

async function benchDatabase(databaseUrl: string | undefined): Promise<ApiBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-api-'));
  const schema = databaseUrl ? `bench_api_${process.pid}_${Date.now().toString(36)}` : undefined;
  try {
    const started = performance.now();
    const database = await openDatabase({ databaseUrl, dataDir, schema });
    let token: string;
    let sessionCookie: string;
    let inboundCases: string[];
    try {
      token = (await createToken(database.db, 'owner', 'bench')).token;
      inboundCases = await loadCases(database.db);
      sessionCookie = await openSession(database.db);
    } finally {
      await database.close();
    }
    const loadSeconds = (performance.now() - started) / 1000;

    const server = await startServerProcess(dataDir, databaseUrl, schema);
    let list: CannonRun;
    let listMax: CannonRun;
    let inbound: CannonRun;
    let floors: { health: FloorPoint[]; session: FloorPoint[] };
    let acknowledged = 0;
    try {
      const url = server.url;
      const headers = { authorization: `Bearer ${token}` };
      const listOptions = {
        url: `${url}/api/cases?sort=priority&limit=50`,
        connections: LIST_CONNECTIONS,
        headers,
      };
      await autocannon({ ...listOptions, duration: WARMUP_SECONDS });
      list = await cannon({
        ...listOptions,
        connections: LIST_LATENCY_CONNECTIONS,
        duration: MEASURE_SECONDS,
      });
      requireAllOk(list.result, 'case list');
      listMax = await cannon({ ...listOptions, duration: MEASURE_SECONDS });
      requireAllOk(listMax.result, 'case list, saturated');
      floors = await measureFloors(url, headers, { cookie: `${SESSION_COOKIE}=${sessionCookie}` });

      const messages = benchMessages().slice(0, 5_000);
      let next = 0;
      const inboundOptions = {
        url,
        connections: INBOUND_CONNECTIONS,
        headers: { ...headers, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (request: CannonRequest): CannonRequest => {
              next += 1;
              return {
                ...request,
                path: `/api/cases/${inboundCases[next % inboundCases.length]}/interactions`,
                body: JSON.stringify({ kind: 'inbound', body: messages[next % messages.length] }),
              };
            },
          },
        ],
      };
      const warm = await autocannon({ ...inboundOptions, duration: WARMUP_SECONDS });
      requireAllOk(warm, 'inbound warm-up');
      inbound = await cannon({ ...inboundOptions, duration: MEASURE_SECONDS });
      requireAllOk(inbound.result, 'inbound');
      acknowledged = warm['2xx'] + inbound.result['2xx'];
    } finally {
      await server.stop();
    }

    const reopened = await openDatabase({ databaseUrl, dataDir, schema });
    let stored: number;
    try {
      const row = await reopened.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', 'inbound')
        .executeTakeFirstOrThrow();
      stored = Number(row.n);
    } finally {
      await reopened.close();
    }
    if (stored < acknowledged || stored > acknowledged + 2 * INBOUND_CONNECTIONS) {
      throw new Error(`${acknowledged} inbound messages acknowledged, but ${stored} stored`);
    }
    return {
      database: databaseUrl ? 'PostgreSQL' : 'PGlite',
      loadSeconds,
      inboundPerSecond: inbound.result['2xx'] / MEASURE_SECONDS,
      inboundP99Ms: inbound.result.latency.p99,
      listP50Ms: list.result.latency.p50,
      listP99Ms: list.result.latency.p99,
      listMaxPerSecond: listMax.result.requests.average,
      listMaxP99Ms: listMax.result.latency.p99,
      stored,
      acknowledged,
      exact: {
        inboundP99Ms: quantile(inbound.latencies, 0.99),
        listP50Ms: quantile(list.latencies, 0.5),
        listP99Ms: quantile(list.latencies, 0.99),
        listMaxP99Ms: quantile(listMax.latencies, 0.99),
      },
      ...floors,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl && schema) await dropSchema(databaseUrl, schema);
  }
}

/**
 * The floors on the running server: `GET /api/health` (HTTP stack only, with the figures' headers) and
 * `GET /api/session` with a session cookie (HTTP stack and one session lookup), each at every connection
 * count the figures use.
 */
async function measureFloors(
  url: string,
  headers: Record<string, string>,
  sessionHeaders: Record<string, string>,
): Promise<{ health: FloorPoint[]; session: FloorPoint[] }> {
  const endpoints = {
    health: { url: `${url}/api/health`, headers },
    session: { url: `${url}/api/session`, headers: sessionHeaders },
  };
  for (const endpoint of Object.values(endpoints)) {
    const warm = await autocannon({
      ...endpoint,
      connections: LIST_CONNECTIONS,
      amount: FLOOR_WARMUP_REQUESTS,
    });
    requireAllOk(warm, `floor warm-up ${endpoint.url}`);
  }
  const health: FloorPoint[] = [];
  const session: FloorPoint[] = [];
  for (const connections of FLOOR_CONNECTIONS) {
    for (const [name, points] of [
      ['health', health],
      ['session', session],
    ] as const) {
      const run = await cannon({ ...endpoints[name], connections, duration: FLOOR_SECONDS });
      requireAllOk(run.result, `floor ${name}, ${connections} connections`);
      points.push({
        connections,
        perSecond: run.result['2xx'] / run.result.duration,
        p50Ms: quantile(run.latencies, 0.5),
        p99Ms: quantile(run.latencies, 0.99),
      });
    }
  }
  return { health, session };
}

function requireAllOk(result: CannonResult, what: string): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${what}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: '', schema });
  try {
    await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
  } finally {
    await database.close();
  }
}

/** A small deterministic generator, so every run loads the same inbox. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let r = next() * weighted.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[0]![0];
}

const STATUSES: ReadonlyArray<readonly [CaseStatus, number]> = [
  ['new', 10],
  ['open', 15],
  ['waiting_customer', 12],
  ['waiting_us', 8],
  ['resolved', 35],
  ['closed', 20],
];
const LEVELS: ReadonlyArray<readonly [Level, number]> = [
  ['calm', 45],
  ['upset', 30],
  ['angry', 18],
  ['hostile', 7],
];
const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [
  ['email', 40],
  ['phone', 20],
  ['web', 15],
  ['chat', 15],
  ['visit', 5],
  ['review', 5],
];
const BATCH = 2_000;

/**
 * Customers, staff and 100,000 cases in batched inserts, with the level, flags, priority and due times
 * an inbox of that size would have; returns open cases for the inbound stream.
 */
async function loadCases(db: Db): Promise<string[]> {
  const next = random(42);
  const now = Date.now();
  const customerIds = Array.from({ length: CUSTOMERS }, () => newId());
  for (let i = 0; i < CUSTOMERS; i += BATCH) {
    await db
      .insertInto('customers')
      .values(
        customerIds.slice(i, i + BATCH).map((id, j) => ({
          id,
          name: `Customer ${i + j}`,
          emails: [`customer${i + j}@example.test`],
          phones: [],
          tags: [],
          updated_at: new Date(now),
        })),
      )
      .execute();
  }
  const staffIds = Array.from({ length: STAFF }, () => newId());
  await db
    .insertInto('users')
    .values(
      staffIds.map((id, i) => ({
        id,
        name: `Agent ${i}`,
        email: `agent${i}@example.test`,
        role: 'agent' as const,
        // Nobody signs in during the bench.
        password_hash: 'not-a-password',
      })),
    )
    .execute();

  const openCases: string[] = [];
  for (let i = 0; i < CASES; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, CASES - i) }, () => {
      const id = newId();
      const status = pick(next, STATUSES);
      const level = pick(next, LEVELS);
      const flags = FLAGS.filter((flag: Flag) => next() < (flag === 'urgency' ? 0.2 : 0.05));
      const problems = PROBLEM_CATEGORIES.filter(() => next() < 0.15);
      const createdAt = now - Math.floor(next() * 60 * 86_400_000);
      const due = createdAt + DEFAULT_SETTINGS.firstResponseMinutes[level] * 60_000;
      const responded = status === 'new' ? null : createdAt + Math.floor(next() * 8 * 3_600_000);
      const isDone = status === 'resolved' || status === 'closed';
      if (!isDone && openCases.length < INBOUND_CASES && next() < 0.1) openCases.push(id);
      return {
        id,
        customer_id: customerIds[Math.floor(next() * CUSTOMERS)]!,
        subject: `Order ${100_000 + i}: ${problems[0] ?? 'question'}`,
        channel: pick(next, CHANNELS),
        status,
        level,
        peak_level: level,
        flags,
        problems,
        language: pick(next, [
          ['pl', 5],
          ['et', 2],
          ['en', 3],
        ] as const),
        assignee_id: next() < 0.7 ? staffIds[Math.floor(next() * STAFF)]! : null,
        priority: computePriority({ level, flags, problems: problems.length, status }),
        first_response_due_at: new Date(due),
        first_responded_at: responded === null ? null : new Date(responded),
        created_at: new Date(createdAt),
        updated_at: new Date(responded ?? createdAt),
      };
    });
    await db.insertInto('cases').values(rows).execute();
  }
  // A live database has statistics from autovacuum; a freshly loaded one needs them for a fair plan.
  await runStatement(db, 'ANALYZE');
  return openCases;
}

/** A signed-in session of one of the staff, as sign-in would store it; returns its cookie. */
async function openSession(db: Db): Promise<string> {
  const user = await db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const cookie = newSecret();
  await db
    .insertInto('sessions')
    .values({
      id: digest(cookie),
      user_id: user.id,
      csrf_token: newSecret(24),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
  return cookie;
}

/** `calmdesk serve` in its own process, so the server and the load generator do not share a thread. */
async function startServerProcess(
  dataDir: string,
  databaseUrl: string | undefined,
  schema: string | undefined,
): Promise<ServeProcess> {
  const { server, ready } = startServeProcess({
    dataDir,
    databaseUrl: schema ? databaseUrl : undefined,
    schema,
    port: await freePort(),
    stderr: 'inherit',
    isReady: async (url) => (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok,
    timeoutMs: 60_000,
  });
  if (await ready) return server;
  await server.stop();
  throw new Error('the server did not start');
}

/** Runs the bench and prints its table (also part of `npm run bench`). */
export async function reportApiBench(markdown: boolean): Promise<void> {
  const results = await runApiBench();
  if (!process.env.DATABASE_URL) console.log('(DATABASE_URL is not set: PostgreSQL skipped)');
  console.log(
    renderTable(
      `HTTP API on loopback, ${CASES.toLocaleString('en')} cases, a calmdesk serve process (LOG_LEVEL=warn), autocannon ${MEASURE_SECONDS} s per figure, ${FLOOR_SECONDS} s per floor; ÷ floor: over GET /api/health of the same process at the same connections (latency ratios from exact response times, the ms figures are autocannon's whole-ms histogram)`,
      ['figure', ...results.flatMap((r) => [r.database, `${r.database} ÷ floor`]), 'target (PostgreSQL)'],
      apiBenchRows(results),
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportApiBench(process.argv.includes('--markdown'));
}
