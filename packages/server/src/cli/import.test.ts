import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  runEmbeddedCli as cli,
  serveFolderDuringTests,
  tempFolderDuringTests,
} from './run-cli.test-helper.ts';

describe('calmdesk import', () => {
  const inTemp = tempFolderDuringTests('calmdesk-import-');
  let customers: string;
  let calendar: string;
  beforeAll(() => {
    customers = inTemp('customers.csv');
    writeFileSync(
      customers,
      '\uFEFFexternal_id,name,email,language\r\nK1,Anna Nowak,anna@example.pl,pl\r\nK2,Bad Mail,anna@,pl\r\nK3,"Kask, Liis",liis@example.ee,et\r\n',
    );
    calendar = inTemp('visits.ics');
    writeFileSync(
      calendar,
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:v1\r\nDTSTART;TZID=Europe/Warsaw:20260310T\r\n 100000\r\nSUMMARY:Strzyżenie\r\nATTENDEE;CN=Anna Nowak:mailto:anna@example.pl\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
  });

  it('imports the good rows directly, reports the bad one by row and exits 0; again, it changes nothing', async () => {
    const data = inTemp('direct');
    const first = await cli('import', 'customers', customers, '--data', data);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^customers: 2 imported, 0 updated, 0 unchanged, 1 rejected \(3 rows in \d+\.\d s\)/,
    );
    expect(first.stderr).toContain("row 3, email: 'anna@' is not an e-mail address");
    expect(first.stderr).toContain('1 of 3 rows were rejected');
    const again = await cli('import', 'customers', customers, '--data', data);
    expect(again.stdout).toContain('0 imported, 0 updated, 2 unchanged, 1 rejected');
    const events = await cli('import', 'bookings', calendar, '--data', data);
    expect(events.stderr).toBe('');
    expect(events.stdout).toContain('bookings: 1 imported, 0 updated, 0 unchanged, 0 rejected (1 events');
  }, 60_000);

  it('exits 2 on usage errors and 1 on a file it cannot read', async () => {
    const data = inTemp('never-created');
    const folder = inTemp('a-folder');
    mkdirSync(folder);
    const bad = inTemp('bad.csv');
    writeFileSync(bad, 'id,total\n1,2\n');
    const results = await Promise.all([
      cli('import', '--data', data),
      cli('import', 'reviews', customers, '--data', data),
      cli('import', 'customers', '--data', data),
      cli('import', 'invoices', calendar, '--data', data),
      cli('import', 'customers', customers, '--colour', 'red', '--data', data),
      cli('import', 'customers', inTemp('missing.csv'), '--data', data),
      cli('import', 'customers', folder, '--data', data),
      cli('import', 'invoices', bad, '--data', data),
    ]);
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 1, 1, 1]);
    expect(results[1]?.stderr).toContain("cannot import 'reviews'");
    expect(results[3]?.stderr).toContain('an ICS calendar holds bookings');
    expect(results[4]?.stderr).toContain('--colour');
    expect(results[5]?.stderr).toContain('missing.csv: no such file');
    expect(results[7]?.stderr).toContain("unknown columns 'id', 'total'");
  }, 60_000);

  describe('while a server holds the folder', () => {
    const served = serveFolderDuringTests(() => inTemp('served'));

    it('sends the rows to the server, and they are visible through the API at once', async () => {
      const imported = await cli('import', 'customers', customers, '--data', served.data);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('2 imported, 0 updated, 0 unchanged, 1 rejected');
      expect(imported.stderr).toContain('row 3, email');
      const token = await cli('token', 'create', '--role', 'supervisor', '--data', served.data);
      const found = await fetch(new URL('/api/customers?email=liis@example.ee', served.server.url), {
        headers: { authorization: `Bearer ${token.stdout.trim()}` },
      });
      const items = ((await found.json()) as { items: Array<{ name: string; externalId: string }> }).items;
      expect(items).toEqual([expect.objectContaining({ name: 'Kask, Liis', externalId: 'K3' })]);
      const again = await cli('import', 'customers', customers, '--data', served.data);
      expect(again.stdout).toContain('0 imported, 0 updated, 2 unchanged, 1 rejected');
    }, 60_000);
  });
});
