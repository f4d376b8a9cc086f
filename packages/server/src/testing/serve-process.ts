import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));

/** A port nobody listens on right now (the kernel's pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServeProcessOptions {
  dataDir: string;
  /** PostgreSQL and the schema on it; without it, PGlite in dataDir (whatever this process's env says). */
  databaseUrl?: string;
  schema?: string;
  port: number;
  /** More options for `calmdesk serve` (e.g. `--smtp-port N`). */
  args?: string[];
  /** 'pipe' keeps the last 10,000 characters for output(); 'inherit' shows them on this process's stderr. */
  stderr: 'pipe' | 'inherit';
  /** Whether the process on the port answers as ready (e.g. a read only a server on this store can answer). */
  isReady(url: string): Promise<boolean>;
  timeoutMs: number;
  /** More environment for the process (e.g. SWEEP_INTERVAL_MS). */
  env?: Record<string, string>;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote (its log and its errors), when piped: the last 10,000 characters. */
  output(): string;
  /** Resolves once the process has exited (at once when it already has). */
  exited(): Promise<void>;
  hasExited(): boolean;
  /** SIGTERM, and SIGKILL when the process is still running 10 s later. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
  kill(): Promise<void>;
}

/**
 * Starts `calmdesk serve --no-demo` in a child process (LOG_LEVEL=warn) and polls `isReady` every
 * 100 ms. Gives the process at once (so a caller can track it while it starts) and `ready`: whether it
 * became ready before it exited or the time ran out; the caller decides what to do with one that did not.
 */
export function startServeProcess(options: ServeProcessOptions): {
  server: ServeProcess;
  ready: Promise<boolean>;
} {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...options.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    env.DATABASE_SCHEMA = options.schema;
  }
  const child = spawn(
    process.execPath,
    [
      CLI,
      'serve',
      '--data',
      options.dataDir,
      '--port',
      String(options.port),
      '--no-demo',
      ...(options.args ?? []),
    ],
    // Piped, the log lines (standard output) come too: a failing test shows what the server said.
    { env, stdio: ['ignore', options.stderr === 'pipe' ? 'pipe' : 'ignore', options.stderr] },
  );
  let written = '';
  const keep = (chunk: string) => {
    written = (written + chunk).slice(-10_000);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const exited = () => (hasExited() ? Promise.resolve() : exit);
  const server: ServeProcess = {
    url: `http://127.0.0.1:${options.port}`,
    child,
    output: () => written,
    exited,
    hasExited,
    async stop() {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited();
      clearTimeout(timer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
  };
  return { server, ready: pollUntilReady(server, options) };
}

async function pollUntilReady(server: ServeProcess, options: ServeProcessOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && !server.hasExited()) {
    if (await options.isReady(server.url).catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
