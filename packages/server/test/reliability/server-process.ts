import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../../src/auth/auth.service.ts';
import { openDatabase } from '../../src/db/database.ts';
import { freePort, startServeProcess } from '../../src/testing/serve-process.ts';
import { testRun } from '../../src/testing/test-schemas.global-setup.ts';

const STARTUP_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** Where a server process keeps its data: a PGlite folder or a fresh schema on the PostgreSQL of DATABASE_URL. */
export interface Store {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  schema: string | undefined;
  /** An owner's bearer token, created before any server opened the store. */
  token: string;
  /** Removes the folder (a schema goes with the run's others once every test is done). */
  remove(): Promise<void>;
}

/** A fresh store with an owner token; the database is closed again, so a server process can open it. */
export async function createStore(kind: 'pglite' | 'postgres'): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-reliability-'));
  // A schema is dropped with the run's others when every test is done (test-schemas.global-setup.ts).
  const schema =
    kind === 'postgres' ? `reliability_${testRun()}_${process.pid}_${randomSuffix()}` : undefined;
  const databaseUrl = kind === 'postgres' ? requireDatabaseUrl() : undefined;
  const database = await openDatabase({ databaseUrl, dataDir, schema });
  let token: string;
  try {
    token = (await createToken(database.db, 'owner', 'reliability test')).token;
  } finally {
    await database.close();
  }
  return {
    kind,
    dataDir,
    schema,
    token,
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr, for failure messages. */
  output(): string;
  /** Resolves once the process has exited (at once when it already has). */
  exited(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ServerProcess>();

/** Starts `calmdesk serve` on the store in a child process and waits until /api/health answers. */
export async function startServerProcess(
  store: Store,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  // The free port is only free when asked: another process may take it first, then try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnServer(store, await freePort(), options);
    } catch (error) {
      if (attempt === 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function spawnServer(
  store: Store,
  port: number,
  options: { args?: string[]; env?: Record<string, string> },
): Promise<ServerProcess> {
  const { server: serve, ready } = startServeProcess({
    dataDir: store.dataDir,
    databaseUrl: store.kind === 'postgres' ? requireDatabaseUrl() : undefined,
    schema: store.schema,
    port,
    args: options.args,
    stderr: 'pipe',
    // An authenticated read: only a server on this store knows the token, so it cannot be another
    // test's server that took the port.
    isReady: async (url) =>
      (
        await fetch(`${url}/api/cases?limit=1`, {
          headers: { authorization: `Bearer ${store.token}` },
          signal: AbortSignal.timeout(1000),
        })
      ).ok,
    timeoutMs: STARTUP_TIMEOUT_MS,
    env: options.env,
  });
  const server: ServerProcess = {
    url: serve.url,
    child: serve.child,
    output: serve.output,
    exited: serve.exited,
    async crash() {
      await serve.kill();
      running.delete(server);
    },
    async stop() {
      await serve.stop();
      running.delete(server);
    },
  };
  running.add(server);
  if (await ready) return server;
  await server.crash();
  if (serve.output().includes('EADDRINUSE')) throw new PortTakenError(`port ${port} was taken`);
  throw new Error(`the server did not come up within ${STARTUP_TIMEOUT_MS} ms:\n${serve.output()}`);
}

/** Kills every server process still running: for afterEach, so a failed test leaves nothing behind. */
export async function crashAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.crash()));
}

/** A minimal API client bound to one server and token. */
export function apiClient(server: Pick<ServerProcess, 'url'>, token: string) {
  return async function call<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

export interface StoredInteraction {
  id: string;
  seq: number;
  kind: string;
}

export interface CaseView {
  id: string;
  status: string;
  stage: string | null;
  fault: string;
  subject: string;
  /** The newest entries; `interactionsBefore` is the cursor to the older ones. */
  interactions: StoredInteraction[];
  interactionsBefore: number | null;
}

/** A case's whole log, oldest first: its newest page and every older one. */
export async function wholeLog(
  call: ReturnType<typeof apiClient>,
  caseId: string,
): Promise<StoredInteraction[]> {
  const detail = await call<CaseView>('GET', `/api/cases/${caseId}`);
  if (detail.status !== 200) throw new Error(`GET /api/cases/${caseId} answered ${detail.status}`);
  const entries = [...detail.body.interactions];
  let before = detail.body.interactionsBefore;
  while (before !== null) {
    const page = await call<{ items: StoredInteraction[]; before: number | null }>(
      'GET',
      `/api/cases/${caseId}/interactions?before=${before}&limit=500`,
    );
    entries.unshift(...page.body.items);
    before = page.body.before;
  }
  return entries;
}

export interface Verdict {
  ok: boolean;
  entries: number;
  brokenAt?: number;
}
