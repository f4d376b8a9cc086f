import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'calmdesk-summary-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

describe('calmdesk serve on the default log level', () => {
  it('ends its output with the start-up summary, however many requests follow', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--no-demo', '--port', '0', '--data', data], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    const exited = new Promise((done) => child.on('close', done));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const running = /CalmDesk is running on (\S+)/.exec(stdout)?.[1];
        if (running) resolve(running);
      });
      void exited.then(() => reject(new Error(`calmdesk serve exited early:\n${stdout}`)));
    });
    for (const path of ['/api/health', '/api/customers?q=anna@example.com', '/no-such-page']) {
      await fetch(new URL(path, url));
    }
    child.kill('SIGTERM');
    await exited;
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^CalmDesk is running on http:\/\/127\.0\.0\.1:\d+ \(embedded database in /);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 30, msg: expect.stringMatching(/listening/) });
  }, 60_000);
});
