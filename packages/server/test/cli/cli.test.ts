import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverFilePath } from '../../src/local/server-file.ts';
import { type CliServer, runCliProcess as cli, startCliServer } from './cli-process.ts';

// The commands themselves are tested in process (src/cli/*.test.ts); these run the real bin.
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('the calmdesk bin in a real process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-bin-'));
  let server: CliServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('analyses JSON lines from stdin', async () => {
    const input = `${JSON.stringify({ id: 'a', text: 'You morons!' })}\nnot json\n`;
    const result = await cli(['analyze', '--jsonl'], input);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({ id: 'a', lang: 'en', level: 'hostile' }),
      { id: 2, error: 'line 2 is not valid JSON' },
    ]);
  });

  it('serves, adds a user through the running server and stops on SIGTERM', async () => {
    const data = join(dir, 'served');
    const running = await startCliServer(['--port', '0', '--data', data, '--no-demo']);
    server = running;
    expect(statSync(serverFilePath(data)).mode & 0o777).toBe(0o600);
    const added = await cli([
      'user',
      'add',
      '--email',
      'new.agent@example.test',
      '--password',
      'long-enough-pass',
      '--role',
      'agent',
      '--name',
      'New Agent',
      '--data',
      data,
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    // The new agent can sign in at once: the running server wrote the user.
    const signIn = await fetch(new URL('/api/session', running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.agent@example.test', password: 'long-enough-pass' }),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { user: { name: string } }).user.name).toBe('New Agent');
    const stopping = running.stop();
    server = undefined;
    expect(await stopping).toBe(0);
    expect(() => statSync(serverFilePath(data))).toThrow();
  }, 300_000);
});
