/**
 * `npx tsx bench/processes.ts`: inbound messages per second through three `calmdesk serve` processes
 * on one PostgreSQL schema, next to one process on the same schema in the same run (the floor), with
 * the CPU each process and the database used. On a machine with fewer cores than processes the target
 * is no collapse: three processes ≥ 0.9 × one, and no error.
 *
 * All four processes run from the start; the load goes to the one, then to the three, round after
 * round (A B A B), so that a change in the machine's speed during the run falls on both alike. Each
 * side is warmed up first: a fresh process is slow until V8 has compiled its hot paths, and three
 * fresh processes sharing one load take three times as long to get there.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import {
  createToken,
  freePort,
  openDatabase,
  type ServeProcess,
  startServeProcess,
} from '@calmdesk/server/testing';
import pg from 'pg';
import { benchMessages } from './messages.ts';

const CASES = 300;
const CONNECTIONS = 30;
const WARMUP_SECONDS = 20;
const MEASURE_SECONDS = 6;
const ROUNDS = 5;
const TARGET_RATIO = 0.9;
/**
 * The database connections the deployment gives CalmDesk, shared by its processes (README: running on
 * several machines): one process opens them all, three a third each.
 */
const CONNECTION_BUDGET = 10;
/** Linux reports CPU time in clock ticks of 1/100 s. */
const TICK_MS = 10;

interface CannonResult {
  requests: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: string; setupRequest: (request: object) => object }>;
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface ProcessesResult {
  processes: number;
  /** The median over the rounds. */
  perSecond: number;
  /** Each round's messages per second. */
  rounds: number[];
  errors: number;
  /** CPU ms per message: each server process, and the database's processes together. */
  serverCpuMsPerMessage: number[];
  databaseCpuMsPerMessage: number;
}

/** Runs one process and three on one fresh schema, the load on each side in turn; null without DATABASE_URL. */
export async function runProcessesBench(
  databaseUrl = process.env.DATABASE_URL,
): Promise<ProcessesResult[] | null> {
  if (!databaseUrl) return null;
  const schema = `bench_processes_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-processes-'));
  const servers: ServeProcess[] = [];
  try {
    const token = await prepare(databaseUrl, schema, dataDir);
    const single = await start(dataDir, databaseUrl, schema, CONNECTION_BUDGET);
    servers.push(single);
    const share = Math.ceil(CONNECTION_BUDGET / 3);
    const three: ServeProcess[] = [];
    for (let i = 0; i < 3; i++) three.push(await start(dataDir, databaseUrl, schema, share));
    servers.push(...three);
    const caseIds = await openCases(single, token);
    await load([single], caseIds, token, WARMUP_SECONDS);
    await load(three, caseIds, token, WARMUP_SECONDS);
    const rounds: Array<[Round, Round]> = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push([await measure([single], caseIds, token), await measure(three, caseIds, token)]);
    }
    return [summarise(rounds.map(([one]) => one)), summarise(rounds.map(([, many]) => many))];
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
  }
}

type Round = Omit<ProcessesResult, 'rounds'>;

/** The median round by messages per second, with every round's figure beside it. */
function summarise(rounds: Round[]): ProcessesResult {
  const sorted = [...rounds].sort((a, b) => a.perSecond - b.perSecond);
  const median = sorted[Math.floor(sorted.length / 2)] as Round;
  return {
    ...median,
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    rounds: rounds.map((round) => round.perSecond),
  };
}

async function prepare(databaseUrl: string, schema: string, dataDir: string): Promise<string> {
  const database = await openDatabase({ databaseUrl, dataDir, schema });
  try {
    return (await createToken(database.db, 'agent', 'bench')).token;
  } finally {
    await database.close();
  }
}

async function start(
  dataDir: string,
  databaseUrl: string,
  schema: string,
  poolSize: number,
): Promise<ServeProcess> {
  const { server, ready } = startServeProcess({
    dataDir,
    databaseUrl,
    schema,
    env: { DATABASE_POOL_SIZE: String(poolSize) },
    port: await freePort(),
    stderr: 'inherit',
    isReady: async (url) => (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok,
    timeoutMs: 60_000,
  });
  if (await ready) return server;
  await server.stop();
  throw new Error('a server process did not start');
}

async function openCases(server: ServeProcess, token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const answer = await fetch(`${server.url}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: { name: `Klient ${i}`, email: `klient${i}@example.pl` },
        channel: 'email',
        subject: `Sprawa ${i}`,
        message: { body: 'Dzień dobry, proszę o kontakt.' },
      }),
    });
    if (answer.status !== 201) throw new Error(`could not open a case: ${answer.status}`);
    ids.push(((await answer.json()) as { id: string }).id);
  }
  return ids;
}

/** The same load spread over the servers: HTTP connections split evenly, each server its third of the cases. */
function load(
  servers: readonly ServeProcess[],
  caseIds: readonly string[],
  token: string,
  duration: number,
): Promise<CannonResult[]> {
  const messages = benchMessages();
  return Promise.all(
    servers.map((server, s) => {
      let n = s;
      return autocannon({
        url: server.url,
        connections: Math.round(CONNECTIONS / servers.length),
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              n += servers.length;
              return {
                ...request,
                path: `/api/cases/${caseIds[n % caseIds.length]}/interactions`,
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ kind: 'inbound', body: messages[n % messages.length] }),
              };
            },
          },
        ],
      });
    }),
  );
}

/** One measured round of load on the servers, with the CPU they and the database used. */
async function measure(
  servers: readonly ServeProcess[],
  caseIds: readonly string[],
  token: string,
): Promise<Round> {
  const pids = servers.map((server) => server.child.pid ?? 0);
  const before = { servers: pids.map(cpuTicks), database: databaseTicks() };
  const results = await load(servers, caseIds, token, MEASURE_SECONDS);
  const after = { servers: pids.map(cpuTicks), database: databaseTicks() };
  const messages2xx = results.reduce((sum, r) => sum + r['2xx'], 0);
  const errors = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  const perMessage = (ticks: number) => (ticks * TICK_MS) / Math.max(1, messages2xx);
  return {
    processes: servers.length,
    perSecond: messages2xx / MEASURE_SECONDS,
    errors,
    serverCpuMsPerMessage: pids.map((_, i) => perMessage((after.servers[i] ?? 0) - (before.servers[i] ?? 0))),
    databaseCpuMsPerMessage: perMessage(after.database - before.database),
  };
}

/** User + system CPU ticks of a process (fields 14 and 15 of /proc/PID/stat). */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The CPU ticks of every PostgreSQL process on this machine (the database runs here, as on CI). */
function databaseTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().startsWith('postgres'))
        total += cpuTicks(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

/** Each round's three-process figure over the one-process figure measured just before it. */
export function threeToOne(one: ProcessesResult, three: ProcessesResult): number[] {
  return three.rounds.map((perSecond, i) => perSecond / (one.rounds[i] ?? Number.NaN));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function reportProcessesBench(markdown: boolean): Promise<void> {
  const results = await runProcessesBench();
  if (!results) {
    console.log('(DATABASE_URL is not set: the several-processes bench skipped)');
    return;
  }
  const [one, three] = results as [ProcessesResult, ProcessesResult];
  const ratios = threeToOne(one, three);
  const row = (r: ProcessesResult, ratio: string) => [
    `${r.processes}`,
    `${Math.round(r.perSecond).toLocaleString('en')} (${r.rounds.map((n) => Math.round(n).toLocaleString('en')).join(', ')})`,
    ratio,
    String(r.errors),
    r.serverCpuMsPerMessage.map((ms) => ms.toFixed(2)).join(' / '),
    r.databaseCpuMsPerMessage.toFixed(2),
  ];
  console.log(
    renderTable(
      `Inbound messages through several calmdesk serve processes on one PostgreSQL schema, ${CONNECTIONS} HTTP connections in all (split evenly), a budget of ${CONNECTION_BUDGET} database connections shared by the processes; ${ROUNDS} rounds of ${MEASURE_SECONDS} s on each side in turn after ${WARMUP_SECONDS} s of warm-up; target: three ≥ ${TARGET_RATIO} × one (median of the rounds), no errors`,
      [
        'processes',
        'messages/s: median (rounds)',
        '÷ one process: median (rounds)',
        'errors',
        'server CPU ms/message (each)',
        'database CPU ms/message',
      ],
      [
        row(one, '1.00'),
        row(three, `${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')})`),
      ],
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportProcessesBench(process.argv.includes('--markdown'));
}
