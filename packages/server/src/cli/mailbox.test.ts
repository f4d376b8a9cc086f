import { describe, expect, it } from 'vitest';
import { type Dovecot, shouldRunImapTests, startDovecot } from '../testing/dovecot.ts';
import {
  runEmbeddedCli as cli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from './run-cli.test-helper.ts';

/** The rows under the header of `mailbox list`, split into cells. */
function tableRows(stdout: string): string[][] {
  const [header, ...rows] = stdout.trimEnd().split('\n');
  expect(header?.split(/\s{2,}/)).toEqual([
    'ID',
    'ADDRESS',
    'IMAP',
    'STATUS',
    'LAST SYNC',
    'PROCESSED',
    'FAILED',
  ]);
  return rows.map((row) => row.split(/\s{2,}/));
}

describe('calmdesk mailbox', () => {
  const inTemp = tempFolderDuringTests('calmdesk-mailbox-');

  it('adds and lists mailboxes on the data folder directly, never printing a password', async () => {
    const data = inTemp('direct');
    const added = await cli(
      'mailbox',
      'add',
      '--address',
      'office@salon.example',
      '--imap',
      'imaps://office:Very-Secret@imap.salon.example/INBOX',
      '--smtp',
      'smtps://office:Smtp-Secret@smtp.salon.example',
      '--data',
      data,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(
      /^added mailbox office@salon\.example \(imaps:\/\/office@imap\.salon\.example:993\/INBOX\), id \S+\n$/,
    );
    const listed = await cli('mailbox', 'list', '--data', data);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toMatch(/Secret/);
    expect(tableRows(listed.stdout)).toEqual([
      [
        expect.any(String),
        'office@salon.example',
        'imaps://office@imap.salon.example:993/INBOX',
        'ok',
        '-',
        '0',
        '0',
      ],
    ]);
  }, 180_000);

  it('adds a mailbox that acknowledges new customers with --acknowledge', async () => {
    const data = inTemp('acknowledge');
    const added = await cli(
      'mailbox',
      'add',
      '--address',
      'hello@salon.example',
      '--imap',
      'imaps://hello:Very-Secret@imap.salon.example/INBOX',
      '--smtp',
      'smtps://hello:Smtp-Secret@smtp.salon.example',
      '--acknowledge',
      '--data',
      data,
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/, id \S+; new customers get an automatic acknowledgement\n$/);
    const refused = await cli(
      'mailbox',
      'add',
      '--address',
      'quiet@salon.example',
      '--imap',
      'imaps://quiet:Very-Secret@imap.salon.example/INBOX',
      '--acknowledge',
      '--data',
      data,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('give the mailbox an SMTP server first');
  }, 180_000);

  it('answers bad input with exit code 2 naming the option', async () => {
    const data = inTemp('bad');
    const cases: Array<[string[], string]> = [
      [['mailbox', 'add', '--imap', 'imap://u:p@h/INBOX'], '--address is required'],
      [
        ['mailbox', 'add', '--address', 'a@b.example', '--imap', 'ftp://u:p@h'],
        '--imap: the scheme must be imap or imaps',
      ],
      [
        ['mailbox', 'add', '--address', 'a@b.example', '--imap', 'imap://u:p@h', '--smtp', 'smtp://h'],
        '--smtp: the user name is missing',
      ],
      [['mailbox', 'remove'], "unknown subcommand 'remove'"],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args, '--data', data)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(' ')).toBe(2);
      expect(result.stderr).toContain(cases[i]?.[1]);
    });
  }, 180_000);

  describe.skipIf(!shouldRunImapTests())('while a server holds the folder', () => {
    const served = serveFolderDuringTests(() => inTemp('served'));

    it('adds a mailbox through the running server, which then takes its mail into a case', async () => {
      const dovecot: Dovecot = await startDovecot();
      try {
        const added = await cli(
          'mailbox',
          'add',
          '--address',
          'support@salon.example',
          '--imap',
          dovecot.imapUrl,
          '--data',
          served.data,
        );
        expect(added).toMatchObject({ code: 0, stderr: '' });
        await dovecot.append(
          'From: Jaan <jaan@example.ee>\r\nTo: support@salon.example\r\nSubject: Broneering\r\nMessage-ID: <b1@example.ee>\r\n\r\nSooviksin aega muuta.\r\n',
        );
        const deadline = Date.now() + 90_000;
        let row: string[] | undefined;
        while (Date.now() < deadline) {
          const listed = await cli('mailbox', 'list', '--data', served.data);
          row = tableRows(listed.stdout)[0];
          if (row?.[5] === '1') break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(row?.slice(1, 4)).toEqual([
          'support@salon.example',
          expect.stringContaining('imap://support@127.0.0.1'),
          'ok',
        ]);
        expect(row?.[5]).toBe('1');
        expect(added.stdout + (row ?? []).join(' ')).not.toContain(dovecot.password);
      } finally {
        await dovecot.close();
      }
    }, 120_000);
  });
});
