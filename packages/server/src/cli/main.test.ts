import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/calmdesk.js', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

async function calmdesk(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('calmdesk CLI', () => {
  it('prints help listing the commands and exits 0', async () => {
    const result = await calmdesk('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: calmdesk <command>/);
    expect(result.stdout).toContain('serve');
  });

  it('prints the package version', async () => {
    const result = await calmdesk('--version');
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('answers an unknown command with help on stderr and exit code 2', async () => {
    const result = await calmdesk('frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('Usage: calmdesk');
  });

  it('rejects an unknown option of a command with exit code 2 naming it', async () => {
    const result = await calmdesk('serve', '--bogus');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
  });
});
