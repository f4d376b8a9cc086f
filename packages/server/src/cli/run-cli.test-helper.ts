import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../config.ts';
import type { RunningServer } from '../server.ts';
import { resolveIo } from './command.ts';
import { main } from './main.ts';
import { startServing } from './serve.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable stream that keeps what is written to it. */
function collector(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

// The embedded database in a folder, whatever the machine running the tests has configured.
const embeddedEnv = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' };

/** Runs `calmdesk` in this process with arguments, optional standard input and optional environment. */
export async function runCli(
  args: string[],
  stdin = '',
  env: Record<string, string | undefined> = process.env,
): Promise<CliResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from([stdin]),
    env,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs `calmdesk` in this process on the embedded database of the folder its `--data` names. */
export function runEmbeddedCli(...args: string[]): Promise<CliResult> {
  return runCli(args, '', embeddedEnv);
}

export interface ServedFolder {
  server: RunningServer;
  /** What `calmdesk serve` printed: the demo accounts, where it runs. */
  stdout: string;
  data: string;
}

/**
 * In the enclosing describe: the server `calmdesk serve` starts, in this process, on the embedded
 * database in the folder `folder()` names; started before its tests, closed after them. With `demo`
 * it seeds the demo organisation first, as `calmdesk serve` does by default (seconds of work, so only
 * for tests that look at the demo's data or accounts).
 */
export function serveFolderDuringTests(
  folder: () => string,
  { demo = false }: { demo?: boolean } = {},
): ServedFolder {
  const served = {} as ServedFolder;
  beforeAll(async () => {
    served.data = folder();
    const out = collector();
    const config = loadConfig(embeddedEnv, { dataDir: served.data, port: '0' });
    served.server = await startServing(config, { demo }, resolveIo({ stdout: out.stream, env: embeddedEnv }));
    served.stdout = out.text();
  });
  afterAll(async () => {
    await served.server?.close();
  });
  return served;
}

/**
 * In the enclosing describe: a fresh temporary folder, made before its tests and removed after them.
 * Returns a function naming a path inside it.
 */
export function tempFolderDuringTests(prefix: string): (...parts: string[]) => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (...parts) => join(dir, ...parts);
}
