/**
 * `npx tsx bench/live.ts`: how fast a change reaches a live screen. Two `calmdesk serve` processes on
 * one PostgreSQL schema (DATABASE_URL); an event-stream client on each. A note is written through
 * process A, one after another; for each, the time from sending the write until its
 * `interaction.added` event reaches the client on B (another process: NOTIFY, B's LISTEN connection,
 * B's stream) and the client on A (the same process: the floor, the same path without crossing
 * processes), and the write's own answer time. Each write is measured on both clients at once, so a
 * pause of the machine lands in both figures alike.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTable } from '@calmdesk/analysis/table';
import {
  connectEventStream,
  createToken,
  type EventStreamClient,
  freePort,
  openDatabase,
  type ServeProcess,
  startServeProcess,
} from '@calmdesk/server/testing';
import { quantile } from './measure.ts';

const WARMUP_EVENTS = 30;
const EVENTS = 400;
const TARGET_P99_MS = 200;
const EVENT_TIMEOUT_MS = 5_000;

export interface LiveBenchResult {
  events: number;
  /** Sorted, ms. */
  otherProcess: number[];
  sameProcess: number[];
  write: number[];
}

export async function runLiveBench(databaseUrl: string): Promise<LiveBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-bench-live-'));
  const schema = `bench_live_${process.pid}`;
  const servers: ServeProcess[] = [];
  const streams: EventStreamClient[] = [];
  try {
    const database = await openDatabase({ databaseUrl, dataDir, schema });
    const token = (await createToken(database.db, 'owner', 'live bench')).token;
    await database.close();
    for (let i = 0; i < 2; i++) servers.push(await startServer(dataDir, databaseUrl, schema));
    const [a, b] = servers as [ServeProcess, ServeProcess];
    const auth = { authorization: `Bearer ${token}` };
    const onB = await connectEventStream(`${b.url}/api/events`, auth);
    const onA = await connectEventStream(`${a.url}/api/events`, auth);
    streams.push(onA, onB);
    const caseId = await openCase(a.url, auth);
    const arrivals = (stream: EventStreamClient) => {
      const times = new Map<string, number>();
      const waiting = new Map<string, (at: number) => void>();
      stream.onEvent(({ event, at }) => {
        if (event.type !== 'interaction.added') return;
        times.set(event.interactionId, at);
        waiting.get(event.interactionId)?.(at);
      });
      return (interactionId: string) =>
        new Promise<number>((resolve, reject) => {
          const known = times.get(interactionId);
          if (known !== undefined) return resolve(known);
          const timer = setTimeout(() => reject(new Error('an event did not arrive')), EVENT_TIMEOUT_MS);
          waiting.set(interactionId, (at) => {
            clearTimeout(timer);
            resolve(at);
          });
        });
    };
    const arrivedOnA = arrivals(onA);
    const arrivedOnB = arrivals(onB);
    const result: LiveBenchResult = { events: EVENTS, otherProcess: [], sameProcess: [], write: [] };
    for (let n = 0; n < WARMUP_EVENTS + EVENTS; n++) {
      const sent = performance.now();
      const response = await fetch(`${a.url}/api/cases/${caseId}/interactions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'note', body: `Called the customer back (${n}).` }),
      });
      const answered = performance.now();
      if (response.status !== 201) throw new Error(`a note was refused: ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      const [atA, atB] = await Promise.all([arrivedOnA(id), arrivedOnB(id)]);
      if (n < WARMUP_EVENTS) continue;
      result.write.push(answered - sent);
      result.sameProcess.push(atA - sent);
      result.otherProcess.push(atB - sent);
    }
    for (const list of [result.write, result.sameProcess, result.otherProcess]) list.sort((x, y) => x - y);
    return result;
  } finally {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    const database = await openDatabase({ databaseUrl, dataDir: '', schema });
    await database.db.schema
      .dropSchema(schema)
      .ifExists()
      .cascade()
      .execute()
      .finally(() => database.close());
  }
}

async function openCase(url: string, auth: Record<string, string>): Promise<string> {
  const response = await fetch(`${url}/api/cases`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      customer: { name: 'Bench Customer', email: 'bench-live@example.test' },
      channel: 'phone',
      subject: 'Live bench',
    }),
  });
  if (response.status !== 201) throw new Error(`the case was refused: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function startServer(dataDir: string, databaseUrl: string, schema: string): Promise<ServeProcess> {
  const { server, ready } = startServeProcess({
    dataDir,
    databaseUrl,
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

export function liveBenchRows(result: LiveBenchResult): string[][] {
  const ms = (value: number) => value.toFixed(1);
  const row = (figure: string, sorted: number[], target: string) => [
    figure,
    ms(quantile(sorted, 0.5)),
    ms(quantile(sorted, 0.99)),
    ms(sorted.at(-1) ?? 0),
    (quantile(sorted, 0.99) / quantile(result.sameProcess, 0.99)).toFixed(2),
    target,
  ];
  return [
    row(
      'write on A → event on a client of B (another process)',
      result.otherProcess,
      `p99 < ${TARGET_P99_MS} ms`,
    ),
    row('write on A → event on a client of A (floor: same process)', result.sameProcess, ''),
    row('the write itself (POST answered)', result.write, ''),
  ];
}

/** Runs the bench and prints its table (also part of `npm run bench`). */
export async function reportLiveBench(markdown: boolean): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('(DATABASE_URL is not set: the live-updates bench needs PostgreSQL, skipped)');
    return;
  }
  const result = await runLiveBench(databaseUrl);
  console.log(
    renderTable(
      `Live updates: ${result.events} notes written one after another through calmdesk serve A, two processes on one PostgreSQL schema, times from sending the write (ms); × floor p99: over the same-process client`,
      ['figure', 'p50 ms', 'p99 ms', 'max ms', '× floor p99', 'target'],
      liveBenchRows(result),
      markdown,
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await reportLiveBench(process.argv.includes('--markdown'));
}
