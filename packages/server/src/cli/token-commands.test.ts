import { describe, expect, it } from 'vitest';
import {
  runEmbeddedCli as cli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from './run-cli.test-helper.ts';

/** The rows under the header of `token list`, split into cells. */
function tableRows(stdout: string): string[][] {
  const [header, ...rows] = stdout.trimEnd().split('\n');
  expect(header?.split(/\s{2,}/)).toEqual(['ID', 'ROLE', 'LABEL', 'CREATED', 'REVOKED']);
  return rows.map((row) => row.split(/\s{2,}/));
}

describe('calmdesk token list and revoke', () => {
  const inTemp = tempFolderDuringTests('calmdesk-token-');

  it('list and revoke tokens on the data folder directly when no server runs', async () => {
    const data = inTemp('direct');
    const created = await cli('token', 'create', '--role', 'agent', '--label', 'import', '--data', data);
    expect(created.code).toBe(0);
    const id = /\(id (\S+)\)/.exec(created.stderr)?.[1] ?? '';
    expect(id).not.toBe('');

    const listed = await cli('token', 'list', '--data', data);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).not.toContain(created.stdout.trim());
    expect(tableRows(listed.stdout)).toEqual([
      [id, 'agent', 'import', expect.stringMatching(/^\d{4}-/), '-'],
    ]);

    const revoked = await cli('token', 'revoke', id, '--data', data);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    const revokedAt = tableRows((await cli('token', 'list', '--data', data)).stdout)[0]?.[4];
    expect(revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(revoked.stdout).toBe(`revoked agent token ${id} at ${revokedAt}\n`);

    const again = await cli('token', 'revoke', id, '--data', data);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(revoked.stdout);

    const unknown = await cli('token', 'revoke', 'no-such-token', '--data', data);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('API token no-such-token does not exist');
  }, 60_000);

  it('answers bad input with exit code 2 naming what was wrong', async () => {
    const data = inTemp('never-created');
    const cases: Array<[string[], string]> = [
      [['token', 'revoke'], 'missing token ID'],
      [['token', 'revoke', 'a', 'b'], "unexpected argument 'b'"],
      [['token', 'rotate'], "unknown subcommand 'rotate'"],
      [['token', 'list', '--role', 'agent'], '--role'],
      [['token', 'list', 'extra'], 'extra'],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args, '--data', data)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(result.stderr).toContain(cases[i]?.[1]);
    });
    // A wrong or missing subcommand or ID also shows the usage; a wrong option, as in every command, not.
    for (const result of results.slice(0, 3)) expect(result.stderr).toContain('calmdesk token revoke ID');
  }, 60_000);

  describe('while a server holds the folder', () => {
    const served = serveFolderDuringTests(() => inTemp('served'));

    it('revokes through the local route, and the server refuses the token at once', async () => {
      const created = await cli('token', 'create', '--role', 'supervisor', '--data', served.data);
      expect(created.code).toBe(0);
      const token = created.stdout.trim();
      const id = /\(id (\S+)\)/.exec(created.stderr)?.[1] ?? '';
      const users = () =>
        fetch(new URL('/api/users', served.server.url), { headers: { authorization: `Bearer ${token}` } });
      expect((await users()).status).toBe(200);

      const listed = await cli('token', 'list', '--data', served.data);
      expect(listed.code).toBe(0);
      expect(tableRows(listed.stdout).find((row) => row[0] === id)?.[1]).toBe('supervisor');

      const revoked = await cli('token', 'revoke', id, '--data', served.data);
      expect(revoked).toMatchObject({ code: 0, stderr: '' });
      expect((await users()).status).toBe(401);
    }, 60_000);
  });
});
