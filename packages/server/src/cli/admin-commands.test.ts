import { statSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { countEntries, looseEntries } from '../db/file-modes.test-helper.ts';
import { serverFilePath } from '../local/server-file.ts';
import {
  runEmbeddedCli as cli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from './run-cli.test-helper.ts';

describe('calmdesk user add, token create and verify-log', () => {
  const inTemp = tempFolderDuringTests('calmdesk-cli-');

  it('work on the data folder directly when no server runs', async () => {
    const data = inTemp('direct');
    const added = await cli(
      'user',
      'add',
      '--email',
      'Ewa@Example.test',
      '--password',
      'long-enough-pass',
      '--role',
      'supervisor',
      '--data',
      data,
    );
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('added supervisor ewa@example.test');
    const again = await cli(
      'user',
      'add',
      '--email',
      'ewa@example.test',
      '--password',
      'long-enough-pass',
      '--role',
      'agent',
      '--data',
      data,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    const disabled = await cli('user', 'disable', '--email', 'ewa@example.test', '--data', data);
    expect(disabled).toMatchObject({ code: 0, stderr: '' });
    expect(disabled.stdout).toContain('disabled ewa@example.test');
    const enabled = await cli('user', 'enable', '--email', 'EWA@example.test', '--data', data);
    expect(enabled.stdout).toContain('enabled ewa@example.test');
    const reset = await cli('user', 'password', '--email', 'ewa@example.test', '--data', data);
    expect(reset.code).toBe(0);
    expect(reset.stdout.trim()).toMatch(/^[\w-]{20}$/);
    expect(reset.stderr).toContain('one-time password');
    const unknown = await cli('user', 'disable', '--email', 'nobody@example.test', '--data', data);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no staff member has the e-mail nobody@example.test');
    const token = await cli('token', 'create', '--role', 'agent', '--label', 'import', '--data', data);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^cd_[\w-]{40,}$/);
    const verified = await cli('verify-log', '--data', data);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('checked 0 cases');
    // Every file of the embedded database is the owner's alone (PGlite writes them 0666 by itself).
    expect(countEntries(data)).toBeGreaterThan(1000);
    expect(looseEntries(data)).toEqual([]);
    // Eight commands, each opening the embedded database anew: about 14 s at load 7, over 60 s at load 14.
  }, 180_000);

  it('answers bad input with exit code 2 naming what was wrong', async () => {
    const data = inTemp('never-created');
    const cases: Array<[string[], string]> = [
      [
        ['user', 'add', '--email', 'a@example.test', '--password', 'long-enough-pass', '--role', 'boss'],
        '--role',
      ],
      [
        ['user', 'add', '--email', 'not-an-email', '--password', 'long-enough-pass', '--role', 'agent'],
        '--email',
      ],
      [['user', 'add', '--email', 'a@example.test', '--password', 'short', '--role', 'agent'], '--password'],
      [['user', 'add', '--email', 'a@example.test', '--role', 'agent'], '--password is required'],
      [
        ['user', 'add', '--email', 'a@example.test', '--password', 'qwerty123456', '--role', 'agent'],
        '--password',
      ],
      [['user', 'remove'], "unknown subcommand 'remove'"],
      [['user', 'disable'], '--email is required'],
      [['user', 'disable', '--email', 'a@example.test', '--password', 'x'], '--password'],
      [['user', 'password', '--email', 'a@example.test', '--password', 'short'], '--password'],
      [['token', 'create'], '--role is required'],
      [['token', 'create', '--role', 'agent', '--colour', 'red'], '--colour'],
      [['verify-log', '--fast'], '--fast'],
      [['serve', '--port', 'eighty'], 'port'],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args, '--data', data)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(result.stderr).toContain(cases[i]?.[1]);
    });
  }, 60_000);

  describe('while a server holds the folder', () => {
    const served = serveFolderDuringTests(() => inTemp('served'), { demo: true });

    it('seeds the demo once and prints the owner account', () => {
      expect(served.stdout).toMatch(/owner\s+owner@calmdesk\.local\s+\S{16}/);
      expect(served.stdout).toMatch(/Seeded a demo organisation: \d+ customers, \d+ cases/);
      expect(statSync(serverFilePath(served.data)).mode & 0o777).toBe(0o600);
    });

    it('goes through the local route, and what it creates works at once', async () => {
      const added = await cli(
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
        served.data,
      );
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const token = await cli('token', 'create', '--role', 'supervisor', '--data', served.data);
      expect(token.code).toBe(0);
      const users = await fetch(new URL('/api/users', served.server.url), {
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
      });
      expect(users.status).toBe(200);
      const names = ((await users.json()) as { items: Array<{ name: string }> }).items.map((u) => u.name);
      expect(names).toContain('New Agent');
      const signIn = () =>
        fetch(new URL('/api/session', served.server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'new.agent@example.test', password: 'long-enough-pass' }),
        });
      const session = (await signIn()).headers.get('set-cookie')?.split(';')[0] ?? '';
      const whoAmI = () =>
        fetch(new URL('/api/session', served.server.url), { headers: { cookie: session } });
      expect((await whoAmI()).status).toBe(200);
      const disabled = await cli(
        'user',
        'disable',
        '--email',
        'new.agent@example.test',
        '--data',
        served.data,
      );
      expect(disabled).toMatchObject({ code: 0, stderr: '' });
      // The running server wrote it: the agent's session has ended and signing in is refused.
      expect((await whoAmI()).status).toBe(401);
      expect((await signIn()).status).toBe(401);
      const password = await cli(
        'user',
        'password',
        '--email',
        'new.agent@example.test',
        '--data',
        served.data,
      );
      expect(password.code).toBe(0);
      await cli('user', 'enable', '--email', 'new.agent@example.test', '--data', served.data);
      expect((await signIn()).status).toBe(401);
      const again = await fetch(new URL('/api/session', served.server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'new.agent@example.test', password: password.stdout.trim() }),
      });
      expect(again.status).toBe(200);
      const verified = await cli('verify-log', '--data', served.data);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/checked \d{2} cases, \d{3} log entries: every chain is intact/);
      const taken = await cli(
        'user',
        'add',
        '--email',
        'owner@calmdesk.local',
        '--password',
        'long-enough-pass',
        '--role',
        'owner',
        '--data',
        served.data,
      );
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('exists already');
    }, 60_000);

    it('removes server.json on close; verify-log then finds a tampered entry itself', async () => {
      await served.server.close();
      expect(() => statSync(serverFilePath(served.data))).toThrow();
      expect(countEntries(served.data)).toBeGreaterThan(1000);
      expect(looseEntries(served.data)).toEqual([]);
      const database = await openDatabase({ dataDir: served.data });
      let tampered: { case_id: string; seq: number };
      try {
        const audit = await database.db
          .selectFrom('audit_log')
          .select('action')
          .where('actor', '=', 'cli')
          .where('action', 'in', ['user.add', 'token.create'])
          .execute();
        // The demo's four accounts and the one added here; the one token created here.
        expect(audit.filter((a) => a.action === 'user.add')).toHaveLength(5);
        expect(audit.filter((a) => a.action === 'token.create')).toHaveLength(1);
        tampered = await database.db
          .selectFrom('interactions')
          .select(['case_id', 'seq'])
          .where('seq', '=', 2)
          .orderBy('id')
          .limit(1)
          .executeTakeFirstOrThrow();
        await sql`ALTER TABLE interactions DISABLE TRIGGER interactions_append_only`.execute(database.db);
        await database.db
          .updateTable('interactions')
          .set({ body: 'Nothing happened.' })
          .where('case_id', '=', tampered.case_id)
          .where('seq', '=', tampered.seq)
          .execute();
        await sql`ALTER TABLE interactions ENABLE TRIGGER interactions_append_only`.execute(database.db);
      } finally {
        await database.close();
      }
      const verified = await cli('verify-log', '--data', served.data);
      expect(verified.code).toBe(1);
      expect(verified.stdout).toContain(`first broken entry: case ${tampered.case_id} seq 2`);
    }, 60_000);
  });
});
