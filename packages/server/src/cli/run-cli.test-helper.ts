import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `calmdesk` bin with arguments, optional standard input and optional environment. */
export function runCli(args: string[], stdin?: string, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

export interface CliServer {
  url: string;
  stdout: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `calmdesk serve` and resolves once it prints that it is running. */
export function startCliServer(args: string[], env?: NodeJS.ProcessEnv): Promise<CliServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /CalmDesk is running on (\S+)/.exec(stdout)?.[1];
      if (url) {
        resolve({
          url,
          stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`calmdesk serve exited with ${code}: ${stderr}`)));
  });
}

// The embedded database in a folder, whatever the machine running the tests has configured.
const embeddedEnv = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' };

/** Runs the real `calmdesk` bin on the embedded database of the folder its `--data` names. */
export function runEmbeddedCli(...args: string[]): Promise<CliResult> {
  return runCli(args, undefined, embeddedEnv);
}

export interface ServedFolder {
  server: CliServer;
  data: string;
}

/**
 * In the enclosing describe: `calmdesk serve` on the embedded database in the folder `folder()`
 * names, started before its tests and stopped after them.
 */
export function serveFolderDuringTests(folder: () => string): ServedFolder {
  const served = {} as ServedFolder;
  beforeAll(async () => {
    served.data = folder();
    served.server = await startCliServer(['--port', '0', '--data', served.data], embeddedEnv);
  }, 60_000);
  afterAll(async () => {
    await served.server?.stop();
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
