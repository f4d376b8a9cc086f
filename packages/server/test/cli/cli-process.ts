import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));

// The embedded database in a folder, whatever the machine running the tests has configured.
export const embeddedEnv = { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `calmdesk` bin in a child process with arguments and optional standard input. */
export function runCliProcess(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: embeddedEnv,
    });
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
    child.stdin.end(stdin);
  });
}

export interface CliServer {
  url: string;
  stdout: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `calmdesk serve` in a child process and resolves once it prints that it is running. */
export function startCliServer(args: string[]): Promise<CliServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: embeddedEnv,
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
