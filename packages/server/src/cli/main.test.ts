import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.test-helper.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('calmdesk CLI', () => {
  it('prints help listing the commands and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: calmdesk <command>/);
    expect(result.stdout).toContain('serve');
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('answers an unknown command with help on stderr and exit code 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('Usage: calmdesk');
  });

  it('rejects an unknown option of a command with exit code 2 naming it', async () => {
    const result = await runCli(['serve', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus');
  });

  it('prints the usage of a command with subcommands on --help, before or after the subcommand', async () => {
    for (const args of [
      ['token', '--help'],
      ['user', 'add', '-h'],
    ]) {
      const result = await runCli(args);
      expect(result, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: calmdesk (token|user)/);
    }
  });
});
