import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'calmdesk-summary-'));

/** Runs a command from the repository root and gives its exit status and output, never throwing. */
async function command(file: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the test summary of a real Vitest run', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the failed beforeAll and the file that failed to load', async () => {
    const reportPath = join(dir, 'report.json');
    const vitest = await command(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'scripts/fixtures/failing-hook/vitest.config.mjs',
      '--outputFile',
      reportPath,
    ]);
    expect(vitest.code).toBe(1);
    const summary = await command(process.execPath, [
      'scripts/test-summary.mjs',
      `${reportPath}=${vitest.code}`,
    ]);
    expect(summary.code).toBe(1);
    const lines = summary.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
    expect(lines).toContain('2 skipped');
  }, 60_000);

  it('counts a run that passed every test but left an unhandled error, and names it from the saved output', async () => {
    const reportPath = join(dir, 'leftover.json');
    const vitest = await command(process.execPath, [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'scripts/fixtures/unhandled-error/vitest.config.mjs',
      '--outputFile.json',
      reportPath,
    ]);
    expect(vitest.code).toBe(1);
    writeFileSync(join(dir, 'leftover.log'), vitest.stdout + vitest.stderr);
    const summary = await command(process.execPath, [
      'scripts/test-summary.mjs',
      `${reportPath}=${vitest.code}`,
    ]);
    expect(summary.code).toBe(1);
    const lines = summary.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(lines).toContainEqual(expect.stringContaining('Error: a server closed after its test ended'));
    expect(lines).toContainEqual(expect.stringContaining('leftover.fixture.ts:4:'));
  }, 60_000);
});
